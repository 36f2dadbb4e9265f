import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from './config.ts';

/** Merges the project's `.env` (if any) into `process.env`; variables already set win, as with any dotenv loader. */
export function loadDotEnv(): void {
	const file = path.join(PROJECT_DIR, '.env');
	if (existsSync(file)) process.loadEnvFile(file);
}
