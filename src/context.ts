import type Keyv from 'keyv';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Library } from './library.ts';
import type { LiveLibrary } from './notes/live.ts';
import type { DailyService } from './quiz/daily.ts';
import type { ReviewStore } from './review/store.ts';
import type { ScoreStore } from './scores/store.ts';
import type { Clock } from './time/clock.ts';
import type { Scheduler } from './time/scheduler.ts';

/** What every command handler and job receives; built once, in `main.ts`. */
export interface Context {
	readonly config: Config;
	/**
	 * The notes as they are now (`notes.current()`): a rebuild may replace the library between two reads, so a handler
	 * reads it without an `await` in between when the reads must agree.
	 */
	readonly library: Library;
	/** The notes folder, rebuilt while the bot runs: its current library, when it was built, the last failure. */
	readonly notes: LiveLibrary;
	readonly clock: Clock;
	readonly logger: Logger;
	/** The Keyv store named by `STORE_URL`; values are versioned records (`src/store/records.ts`). */
	readonly store: Keyv;
	readonly scheduler: Scheduler;
	/** The daily question of every server: setup, posting, answers, closing. */
	readonly daily: DailyService;
	readonly scores: ScoreStore;
	/** Each member's review cards (FSRS), answers and reminder setting. */
	readonly review: ReviewStore;
}
