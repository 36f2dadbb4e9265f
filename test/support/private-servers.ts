import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A Redis or PostgreSQL server of a test's own, on a free loopback port, that the test may stop and start again
 * (the shared test servers must stay up for other suites). Data survives a stop: Redis writes an append-only file,
 * PostgreSQL its data folder.
 */
export interface PrivateServer {
	readonly url: string;
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Stops the server for good. */
	close(): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
		});
	});
}

async function waitForPort(port: number, up: boolean, timeoutMs = 15_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open === up) return;
		if (performance.now() > deadline) throw new Error(`port ${port} did not ${up ? 'open' : 'close'} in time`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Whether a program is on PATH. */
export function hasProgram(name: string): boolean {
	return (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, name)));
}

export async function startPrivateRedis(): Promise<PrivateServer> {
	const port = await freePort();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'private-redis-'));
	let child: ChildProcess | null = null;
	const start = async (): Promise<void> => {
		child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'],
			{ stdio: 'ignore' },
		);
		await waitForPort(port, true);
	};
	const stop = async (): Promise<void> => {
		const running = child;
		child = null;
		if (running === null || running.exitCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		running.kill('SIGTERM');
		await exited;
		await waitForPort(port, false);
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, start, stop, close: stop };
}

/** Debian keeps PostgreSQL's server programs in a versioned folder that is not on PATH. */
function postgresBin(): string | null {
	if (hasProgram('pg_ctl') && hasProgram('initdb')) return '';
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
	for (const version of versions) {
		const bin = path.join(root, version, 'bin');
		if (existsSync(path.join(bin, 'pg_ctl'))) return bin;
	}
	return null;
}

export function hasPostgres(): boolean {
	return postgresBin() !== null;
}

export async function startPrivatePostgres(): Promise<PrivateServer> {
	const bin = postgresBin();
	if (bin === null) throw new Error('PostgreSQL server programs are not installed');
	const port = await freePort();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'private-postgres-'));
	const data = path.join(dir, 'data');
	// PostgreSQL refuses to run as root: run it as the `postgres` user then.
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const { stdout } = await run('id', ['-u', 'postgres']);
		const uid = Number(stdout.trim());
		const { stdout: gidOut } = await run('id', ['-g', 'postgres']);
		await chown(dir, uid, Number(gidOut.trim()));
		await chmod(dir, 0o700);
	}
	const as = (program: string, args: string[]) =>
		asRoot
			? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args])
			: run(path.join(bin, program), args);
	await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const start = async (): Promise<void> => {
		await as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
	};
	const stop = async (): Promise<void> => {
		await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
	};
	await start();
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, start, stop, close: stop };
}
