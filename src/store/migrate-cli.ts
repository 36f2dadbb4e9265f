import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROJECT_DIR } from '../config.ts';
import { DEFAULT_NAMESPACE, type OpenStore, openKeyv, StoreError, StoreUnavailableError, sqliteFile } from './keyv.ts';
import { MigrationError, migrateStore } from './migrate.ts';

/** Exit codes of `npm run migrate-store`. */
export const MIGRATE_EXIT = { copied: 0, failed: 1, usage: 2 } as const;

export const MIGRATE_USAGE = `Usage: npm run migrate-store -- --from URL --to URL [--force] [--namespace NAME]

Copies every key of the bot's namespace from one store to another, then reads the target back and compares every
key and value. Stop the bot first. URLs as in STORE_URL: sqlite://path (relative to the project folder),
redis://…, rediss://…, postgres://…, postgresql://….

Options:
  --from URL          the store to copy from (left unchanged)
  --to URL            the store to copy into
  --force             replace what the target's namespace already holds (otherwise a non-empty target is refused)
  --namespace NAME    the key namespace (default ${DEFAULT_NAMESPACE})
  -h, --help          this text

Exit codes: 0 copied and verified, 1 refused or failed (the source is never changed), 2 usage error.`;

export interface MigrateIo {
	readonly stdout: Writable;
	readonly stderr: Writable;
}

function megabytes(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(2)} MB`;
}

/** Runs `migrate-store` with `argv` (without node and script) and returns its exit code; never calls `process.exit`. */
export async function runMigrateCli(argv: readonly string[], io: MigrateIo, baseDir = PROJECT_DIR): Promise<number> {
	let values: { from?: string; to?: string; force?: boolean; namespace?: string; help?: boolean };
	try {
		({ values } = parseArgs({
			args: [...argv],
			strict: true,
			allowPositionals: false,
			options: {
				from: { type: 'string' },
				to: { type: 'string' },
				force: { type: 'boolean', default: false },
				namespace: { type: 'string', default: DEFAULT_NAMESPACE },
				help: { type: 'boolean', short: 'h', default: false },
			},
		}));
	} catch (error) {
		io.stderr.write(`migrate-store: ${error instanceof Error ? error.message : error}\n\n${MIGRATE_USAGE}\n`);
		return MIGRATE_EXIT.usage;
	}
	if (values.help === true) {
		io.stdout.write(`${MIGRATE_USAGE}\n`);
		return MIGRATE_EXIT.copied;
	}
	if (values.from === undefined || values.to === undefined || values.namespace === '') {
		io.stderr.write(`migrate-store: --from and --to are both required\n\n${MIGRATE_USAGE}\n`);
		return MIGRATE_EXIT.usage;
	}
	const namespace = values.namespace ?? DEFAULT_NAMESPACE;

	const opened: OpenStore[] = [];
	try {
		// Opening a SQLite path creates the file; a mistyped source must not leave an empty database behind.
		const sourceFile = sqliteFile(values.from, baseDir);
		if (sourceFile !== null && !existsSync(sourceFile))
			throw new MigrationError(`migrate-store: ${sourceFile} does not exist; nothing was copied`);
		const source = await openKeyv(values.from, baseDir, { namespace });
		opened.push(source);
		const target = await openKeyv(values.to, baseDir, { namespace });
		opened.push(target);
		if (source.label === target.label && !source.label.startsWith('memory:'))
			throw new MigrationError(`migrate-store: --from and --to are the same store (${source.label})`);
		const report = await migrateStore(source.keyv, target.keyv, {
			force: values.force === true,
			from: source.label,
			to: target.label,
		});
		const replaced = report.replaced > 0 ? `; replaced the ${report.replaced} keys it held before` : '';
		io.stdout.write(
			`migrate-store: copied ${report.keys} keys (${megabytes(report.bytes)}) of namespace ${namespace} from ${source.label} to ${target.label}${replaced}; read back and verified ${report.keys} of ${report.keys}\n`,
		);
		const width = Math.max(0, ...report.families.map(([family]) => family.length));
		for (const [family, keys] of report.families) io.stdout.write(`  ${family.padEnd(width)}  ${keys}\n`);
		return MIGRATE_EXIT.copied;
	} catch (error) {
		if (error instanceof StoreUnavailableError || error instanceof MigrationError) {
			io.stderr.write(`${error.message}\n`);
			return MIGRATE_EXIT.failed;
		}
		if (error instanceof StoreError) {
			io.stderr.write(`migrate-store: ${error.message}\n\n${MIGRATE_USAGE}\n`);
			return MIGRATE_EXIT.usage;
		}
		throw error;
	} finally {
		for (const store of opened) await store.close().catch(() => undefined);
	}
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.exitCode = await runMigrateCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
