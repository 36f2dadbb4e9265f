import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, DefaultRestOptions, Events, GatewayIntentBits } from 'discord.js';
import { ConfigError, loadConfig, PROJECT_DIR } from './config.ts';
import type { Context } from './context.ts';
import { loadCommands } from './discord/commands.ts';
import { spacedRequests } from './discord/pacing.ts';
import { registerIfChanged } from './discord/registration.ts';
import { routeInteraction } from './discord/router.ts';
import { loadDotEnv } from './env.ts';
import { createLogger, throttled } from './log.ts';
import { LiveLibrary } from './notes/live.ts';
import { NotesError } from './notes/load.ts';
import { DailyService } from './quiz/daily.ts';
import { ReminderService } from './review/remind.ts';
import { ReviewStore } from './review/store.ts';
import { ScoreStore } from './scores/store.ts';
import { ownsGuild, registersCommands, runShardManager, SHARD_REST_TIMEOUT_MS, shardLogger } from './shard.ts';
import { GroupCommitter } from './store/commit.ts';
import { openKeyv, StoreError } from './store/keyv.ts';
import { monotonicMs, systemClock } from './time/clock.ts';
import { cronScheduler } from './time/scheduler.ts';

/** While the store is down its client reports every retry; one line a minute says enough. */
const STORE_ERROR_LOG_INTERVAL_MS = 60_000;

/** How long in-flight interactions may take to finish once a shutdown signal arrives. */
const SHUTDOWN_GRACE_MS = 5_000;

/** The composition root: the one place that builds config, logger, library, store, clock and client and wires them. */
async function main(): Promise<void> {
	loadDotEnv();
	const config = loadConfig(process.env, { requireToken: true });
	const rootLogger = createLogger(config.logLevel, {
		readable: process.stdout.isTTY === true && process.env.NODE_ENV !== 'production',
	});
	const logger = config.sharding.role === 'shard' ? shardLogger(rootLogger, process.env) : rootLogger;
	if (config.sharding.role === 'manager') {
		// This process only supervises: each shard runs this file again, as the whole bot for its own servers.
		const { count } = config.sharding;
		const entry = fileURLToPath(import.meta.url);
		await runShardManager({ entry, token: config.discordToken, count, apiUrl: config.apiUrl, logger });
		return;
	}
	const notes = await LiveLibrary.open({
		notesDir: config.notesDir,
		maxFileBytes: config.notesMaxFileBytes,
		clock: systemClock,
		logger,
	});
	const firstLibrary = notes.current();
	for (const warning of firstLibrary.warnings) logger.warn({ file: warning.file }, warning.reason);
	logger.info(
		{ notesDir: config.notesDir, concepts: firstLibrary.index.size, files: firstLibrary.files.length },
		'notes indexed',
	);

	const commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	const opened = await openKeyv(config.storeUrl, PROJECT_DIR);
	const store = opened.keyv;
	store.on(
		'error',
		throttled<unknown>(STORE_ERROR_LOG_INTERVAL_MS, monotonicMs, (error, suppressed) =>
			logger.error({ err: error, suppressed }, 'store error'),
		),
	);
	logger.info({ store: opened.label }, 'store opened');
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: {
			makeRequest: spacedRequests(DefaultRestOptions.makeRequest),
			...(config.apiUrl === null ? {} : { api: config.apiUrl }),
			...(config.sharding.role === 'shard' ? { timeout: SHARD_REST_TIMEOUT_MS } : {}),
		},
	});
	const scheduler = cronScheduler({
		onError: (job, error) => logger.error({ err: error, job }, 'scheduled job failed'),
	});
	const committer = new GroupCommitter(store, opened.lock);
	const scores = new ScoreStore(store, committer);
	const review = new ReviewStore(store, committer);
	const daily = new DailyService({
		store,
		committer,
		scores,
		clock: systemClock,
		logger,
		rest: client.rest,
		scheduler,
		questions: () => notes.current().questions,
		review,
		termOf: (conceptId) => notes.current().index.get(conceptId)?.title ?? conceptId,
		owns: ownsGuild(client.shard),
	});
	const reminders = new ReminderService({
		store,
		committer,
		clock: systemClock,
		logger,
		rest: client.rest,
		scheduler,
		owns: ownsGuild(client.shard),
		zoneOf: (guildId) => daily.zone(guildId),
		questions: () => notes.current().questions,
	});
	const ctx: Context = {
		config,
		get library() {
			return notes.current();
		},
		notes,
		clock: systemClock,
		logger,
		store,
		scheduler,
		daily,
		scores,
		review,
	};
	logger.info({ questions: firstLibrary.questions.questions.length }, 'quiz questions ready');
	notes.watch();

	const inFlight = new Set<Promise<void>>();
	client.on(Events.InteractionCreate, (interaction) => {
		const task = routeInteraction(interaction, commands, ctx).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
	client.once(Events.ClientReady, async (ready) => {
		logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord');
		const body = [...commands.values()].map((command) => command.data.toJSON());
		const { guildId } = config;
		if (registersCommands(client.shard))
			try {
				const outcome = await registerIfChanged(
					store,
					guildId === null ? 'global' : `guild:${guildId}`,
					body,
					() =>
						guildId === null ? ready.application.commands.set(body) : ready.application.commands.set(body, guildId),
					systemClock.now(),
				);
				logger.info(
					{ commands: body.length, guildId, registered: outcome.registered },
					outcome.registered ? 'commands registered' : 'commands unchanged',
				);
			} catch (error) {
				logger.error({ err: error }, 'registering commands failed; run `npm run deploy` to see why');
			}
		try {
			await daily.start();
			logger.info({ jobs: scheduler.names().length }, 'daily quiz scheduled');
		} catch (error) {
			logger.error({ err: error }, 'daily: scheduling failed; posts resume at the next sweep');
		}
		try {
			await reminders.start();
		} catch (error) {
			logger.error({ err: error }, 'review: reminders failed to start; they resume at the next sweep');
		}
	});
	process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

	let stopping = false;
	const stop = async (signal: string): Promise<void> => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		scheduler.stopAll();
		// A rebuild under way need not finish: the next start reads the folder anyway.
		void notes.close();
		await Promise.race([
			Promise.allSettled(inFlight),
			new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS)),
		]);
		await client.destroy();
		await opened.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the store failed'));
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
	// A shard whose manager is gone (killed outright) stops rather than run on unsupervised.
	if (config.sharding.role === 'shard') process.once('disconnect', () => void stop('disconnect'));

	await client.login(config.discordToken);
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError || error instanceof NotesError || error instanceof StoreError) {
		console.error(error.message);
	} else {
		console.error('study-bot: start-up failed:', error instanceof Error ? error.message : error);
	}
	process.exit(1);
});
