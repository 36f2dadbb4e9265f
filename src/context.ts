import type Keyv from 'keyv';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Library } from './library.ts';
import type { DailyService } from './quiz/daily.ts';
import type { ScoreStore } from './scores/store.ts';
import type { Clock } from './time/clock.ts';
import type { Scheduler } from './time/scheduler.ts';

/** What every command handler and job receives; built once, in `main.ts`. */
export interface Context {
	readonly config: Config;
	readonly library: Library;
	readonly clock: Clock;
	readonly logger: Logger;
	/** The Keyv store named by `STORE_URL`; values are versioned records (`src/store/records.ts`). */
	readonly store: Keyv;
	readonly scheduler: Scheduler;
	/** The daily question of every server: setup, posting, answers, closing. */
	readonly daily: DailyService;
	readonly scores: ScoreStore;
}
