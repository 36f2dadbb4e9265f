import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.ts';

/**
 * Scripts run as `node --import tsx <script>`, as the `tsx` command runs them but without its wrapper process: a
 * signal (SIGKILL too) then reaches the bot itself instead of leaving it running on its own.
 */
const TSX_LOADER = import.meta.resolve('tsx');
const MAIN = path.join(PROJECT_DIR, 'src/main.ts');
const REST_PROXY = path.join(PROJECT_DIR, 'src/rest-proxy.ts');

/** The bot as it runs in production (`src/main.ts` in its own process), with its JSON log lines collected. */
export interface BotProcess {
	readonly child: ChildProcess;
	readonly logs: Record<string, unknown>[];
	/** Everything the process printed, stdout and stderr, for checks such as "the token never appears". */
	output(): string;
	/** Resolves with the first log line (already seen or future) that `matches`. */
	waitForLog(matches: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
	/** Sends `signal` and resolves when the process has exited, with how long that took. */
	stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>;
}

export function startBot(env: Record<string, string>): BotProcess {
	return startScript(MAIN, env);
}

/** The REST proxy as `npm run rest-proxy` runs it, with its JSON log lines collected. */
export function startRestProxy(env: Record<string, string>): BotProcess {
	return startScript(REST_PROXY, env);
}

function startScript(script: string, env: Record<string, string>): BotProcess {
	const child = spawn(process.execPath, ['--import', TSX_LOADER, script], {
		env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'debug', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const logs: Record<string, unknown>[] = [];
	const printed: string[] = [];
	const waiters: {
		matches: (line: Record<string, unknown>) => boolean;
		resolve: (line: Record<string, unknown>) => void;
	}[] = [];
	let pending = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		printed.push(chunk.toString());
		pending += chunk.toString();
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const text of lines) {
			if (text.trim() === '') continue;
			let line: Record<string, unknown>;
			try {
				line = JSON.parse(text) as Record<string, unknown>;
			} catch {
				line = { msg: text, unparsed: true };
			}
			logs.push(line);
			for (const waiter of waiters.splice(0)) {
				if (waiter.matches(line)) waiter.resolve(line);
				else waiters.push(waiter);
			}
		}
	});
	child.stderr?.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	return {
		child,
		logs,
		output: () => printed.join(''),
		waitForLog(matches, timeoutMs = 20_000) {
			const seen = logs.find(matches);
			if (seen !== undefined) return Promise.resolve(seen);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`bot: no matching log line within ${timeoutMs} ms; output:\n${printed.join('')}`)),
					timeoutMs,
				);
				waiters.push({
					matches,
					resolve: (line) => {
						clearTimeout(timer);
						resolve(line);
					},
				});
			});
		},
		async stop(signal = 'SIGTERM') {
			const started = performance.now();
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			const result = await exited;
			return { ...result, elapsedMs: performance.now() - started };
		},
	};
}
