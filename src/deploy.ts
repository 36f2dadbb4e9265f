import path from 'node:path';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, PROJECT_DIR } from './config.ts';
import { loadCommands } from './discord/commands.ts';
import { loadDotEnv } from './env.ts';

/** `npm run deploy`: registers the slash commands explicitly (to DISCORD_GUILD_ID when set, else globally). */
async function deploy(): Promise<void> {
	loadDotEnv();
	const config = loadConfig(process.env, { requireToken: true });
	const commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	const body = [...commands.values()].map((command) => command.data.toJSON());
	const rest = new REST(config.apiUrl === null ? {} : { api: config.apiUrl }).setToken(config.discordToken);
	const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
	const route =
		config.guildId === null
			? Routes.applicationCommands(applicationId)
			: Routes.applicationGuildCommands(applicationId, config.guildId);
	await rest.put(route, { body });
	console.log(
		`deploy: registered ${body.length} commands ${config.guildId === null ? 'globally' : `in guild ${config.guildId}`}`,
	);
}

deploy().catch((error: unknown) => {
	console.error(
		error instanceof ConfigError
			? error.message
			: `deploy: failed: ${error instanceof Error ? error.message : String(error)}`,
	);
	process.exit(1);
});
