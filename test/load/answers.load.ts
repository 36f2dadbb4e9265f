/**
 * `npm run load`: members answering one daily question at once, against the bot as it runs in production
 * (`src/main.ts` in its own process) through the Discord fake. Not a test: it prints a table for the README.
 *
 *   npm run load -- [--members 5000] [--seconds 10] [--stores sqlite,redis]
 *
 * For each store: a fresh bot process, `/daily setup` and `/daily post` by an admin, then every member clicks an
 * answer button, spread evenly over the window. It reports how many clicks were acknowledged, how many answers the
 * bot counted (`/daily status`), acknowledgement latency as Discord measures it (dispatch to initial response) and
 * the bot process's peak resident memory. `redis` needs `TEST_REDIS_URL` (see the README's Tests section).
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PermissionFlagsBits } from 'discord.js';
import { PROJECT_DIR } from '../../src/config.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import type { FakeInteraction } from '../fakes/discord/interaction.ts';
import { startBot } from '../support/bot-process.ts';
import { buttonsOf } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.load-test.token';
const DEADLINE_MS = 3_000;

interface Row {
	readonly store: string;
	readonly members: number;
	readonly clickWindowMs: number;
	readonly acknowledged: number;
	readonly failed: number;
	readonly counted: number;
	readonly p50Ms: number;
	readonly p99Ms: number;
	readonly maxMs: number;
	readonly lastReplyMs: number;
	readonly peakRssMB: number;
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The process and all its descendants (tsx starts the bot in a child node process). */
async function processTree(pid: number): Promise<number[]> {
	const out = [pid];
	for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
		const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
		for (const child of children.split(/\s+/).filter(Boolean)) out.push(...(await processTree(Number(child))));
	}
	return out;
}

/** Peak resident memory (VmHWM) of the largest process in the tree, in MB: the bot itself, not the tsx launcher. */
async function peakRssMB(pid: number): Promise<number> {
	let peakKB = 0;
	for (const id of await processTree(pid)) {
		const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
		const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
		peakKB = Math.max(peakKB, kb);
	}
	return peakKB / 1024;
}

async function run(store: string, storeUrl: string, members: number, windowMs: number): Promise<Row> {
	const fake = await FakeDiscord.start({ token: TOKEN });
	const guild = fake.addGuild({ name: 'Load', channels: [{ name: 'study' }] });
	const channelId = fake.channels(guild.id)[0]?.id ?? '';
	const admin = fake.addMember(guild.id, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	const crowd = Array.from({ length: members }, (_, i) => fake.addMember(guild.id, { username: `m${i}` }).user.id);
	const bot = startBot({
		DISCORD_TOKEN: TOKEN,
		DISCORD_API_URL: fake.apiUrl,
		NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
		STORE_URL: storeUrl,
		LOG_LEVEL: 'info',
	});
	try {
		await bot.waitForLog((line) => line.msg === 'daily quiz scheduled', 60_000);
		const command = async (subcommand: string, options: Record<string, string>) => {
			const interaction = await fake.slashCommand({
				userId: admin,
				guildId: guild.id,
				channelId,
				name: 'daily',
				subcommand,
				options,
			});
			await interaction.response();
			return interaction.waitForOriginal({ timeoutMs: 30_000 });
		};
		await command('setup', { channel: channelId, time: '09:00', timezone: 'UTC' });
		await command('post', {});
		const post = fake.messages(channelId).find((m) => m.embeds[0]?.title?.startsWith('Daily question'));
		if (post === undefined) throw new Error('load: the daily question was not posted');
		const ids = buttonsOf(post).map((button) => button.customId);

		const clicks: Promise<FakeInteraction>[] = [];
		const started = performance.now();
		for (let i = 0; i < crowd.length; i++) {
			const due = started + (i / crowd.length) * windowMs;
			const wait = due - performance.now();
			if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
			clicks.push(fake.clickButton({ message: post, customId: ids[i % ids.length] ?? '', userId: crowd[i] ?? '' }));
		}
		const interactions = await Promise.all(clicks);
		const clickWindowMs = performance.now() - started;
		const outcomes = await Promise.allSettled(interactions.map((interaction) => interaction.response()));
		await Promise.allSettled(interactions.map((interaction) => interaction.waitForOriginal({ timeoutMs: 60_000 })));
		const lastReplyMs = performance.now() - started;
		const latencies = outcomes
			.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.elapsedMs] : []))
			.sort((a, b) => a - b);
		const status = await command('status', {});
		const counted = Number(/open, (\d+) answers?/.exec(status.content ?? '')?.[1] ?? Number.NaN);
		return {
			store,
			members,
			clickWindowMs,
			acknowledged: latencies.filter((ms) => ms <= DEADLINE_MS).length,
			failed: fake.stats.failedInteractions.length,
			counted,
			p50Ms: percentile(latencies, 50),
			p99Ms: percentile(latencies, 99),
			maxMs: latencies.at(-1) ?? Number.NaN,
			lastReplyMs,
			peakRssMB: await peakRssMB(bot.child.pid ?? 0),
		};
	} finally {
		await bot.stop('SIGTERM');
		await fake.close();
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			members: { type: 'string', default: '5000' },
			seconds: { type: 'string', default: '10' },
			stores: { type: 'string', default: 'sqlite,redis' },
		},
	});
	const members = Number(values.members);
	const windowMs = Number(values.seconds) * 1000;
	if (!Number.isInteger(members) || members < 1 || !(windowMs > 0))
		throw new Error('load: --members and --seconds must be positive');
	const rows: Row[] = [];
	for (const store of values.stores.split(',')) {
		let url: string;
		if (store === 'sqlite')
			url = `sqlite://${path.join(await mkdtemp(path.join(os.tmpdir(), 'load-')), 'study.sqlite')}`;
		else if (store === 'redis' && process.env.TEST_REDIS_URL !== undefined) url = process.env.TEST_REDIS_URL;
		else if (store === 'postgres' && process.env.TEST_POSTGRES_URL !== undefined) url = process.env.TEST_POSTGRES_URL;
		else {
			console.log(`skipped ${store}: no TEST_${store.toUpperCase()}_URL (see the README's Tests section)`);
			continue;
		}
		rows.push(await run(store, url, members, windowMs));
	}
	const ms = (n: number) => Math.round(n).toLocaleString('en-US');
	console.log(
		`${members.toLocaleString('en-US')} members answering one daily question within ${values.seconds} s, bot in its own process (Node ${process.versions.node})\n`,
	);
	console.log(
		'| store | clicks sent in (ms) | acknowledged ≤ 3 s | failed | answers counted | ack p50 (ms) | ack p99 (ms) | ack max (ms) | last reply (ms) | bot peak RSS (MB) |',
	);
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		console.log(
			`| ${row.store} | ${ms(row.clickWindowMs)} | ${row.acknowledged.toLocaleString('en-US')} | ${row.failed} | ${row.counted.toLocaleString('en-US')} | ${ms(row.p50Ms)} | ${ms(row.p99Ms)} | ${ms(row.maxMs)} | ${ms(row.lastReplyMs)} | ${row.peakRssMB.toFixed(0)} |`,
		);
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
