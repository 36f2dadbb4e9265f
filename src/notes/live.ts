/**
 * The library of a notes folder that changes while the bot runs. Handlers ask for `current()` each time they need it;
 * a rebuild replaces the library only when it succeeds, so a broken folder never leaves the bot without notes.
 */
import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import fs from 'node:fs/promises';
import type { Logger } from 'pino';
import { type Library, openLibrary } from '../library.ts';
import { type Clock, monotonicMs } from '../time/clock.ts';
import { NotesError } from './load.ts';

/** Quiet time after the last change before the folder is read again: an editor's save or a `git pull` is one burst. */
export const RELOAD_DEBOUNCE_MS = 500;

/** How often a notes folder that vanished is looked for, to watch it again once it is back. */
export const FOLDER_POLL_MS = 2_000;

const NOTE_EXTENSION = /\.(?:md|markdown)$/i;

export interface LiveLibraryOptions {
	/** Absolute path of the notes folder. */
	readonly notesDir: string;
	readonly maxFileBytes?: number;
	/** Dates `builtAt` and failures. */
	readonly clock: Clock;
	readonly logger: Logger;
	/** Default {@link RELOAD_DEBOUNCE_MS}. */
	readonly debounceMs?: number;
	/** Default {@link FOLDER_POLL_MS}. */
	readonly folderPollMs?: number;
}

/** A rebuild that did not replace the library. */
export interface ReloadFailure {
	readonly at: Date;
	/** Why, e.g. `folder /srv/notes does not exist`. */
	readonly reason: string;
}

export type ReloadOutcome =
	| { readonly ok: true; readonly library: Library; readonly builtAt: Date; readonly elapsedMs: number }
	| { readonly ok: false; readonly failure: ReloadFailure };

export interface LiveLibraryEvents {
	/** After every rebuild, whether it replaced the library or not. */
	reload: [ReloadOutcome];
}

export class LiveLibrary extends EventEmitter<LiveLibraryEvents> {
	readonly notesDir: string;
	readonly #options: LiveLibraryOptions;
	#library: Library;
	#builtAt: Date;
	#lastFailure: ReloadFailure | null = null;
	/** The rebuild under way (never rejects); rebuilds run one at a time. */
	#running: Promise<unknown> = Promise.resolve();
	/** A rebuild waiting for the running one; every request made meanwhile shares it. */
	#queued: Promise<ReloadOutcome> | null = null;
	/** Between `watch()` and `close()`. */
	#watching = false;
	#watcher: FSWatcher | null = null;
	#debounce: NodeJS.Timeout | null = null;
	#polling = false;

	/** Holds `library`, built from `options.notesDir` just now. */
	constructor(library: Library, options: LiveLibraryOptions) {
		super();
		this.notesDir = options.notesDir;
		this.#options = options;
		this.#library = library;
		this.#builtAt = options.clock.now();
	}

	/** Builds the first library; throws as `openLibrary` does, since the bot cannot start without notes. */
	static async open(options: LiveLibraryOptions): Promise<LiveLibrary> {
		const library = await openLibrary(options.notesDir, { maxFileBytes: options.maxFileBytes });
		return new LiveLibrary(library, options);
	}

	/** The library of the last successful build. Read it once per use: a later call may return a newer one. */
	current(): Library {
		return this.#library;
	}

	/** When the current library was built. */
	get builtAt(): Date {
		return this.#builtAt;
	}

	/** The last rebuild that failed, if any, even when a later one succeeded. */
	get lastFailure(): ReloadFailure | null {
		return this.#lastFailure;
	}

	/**
	 * Reads the folder again and swaps the library in if that works; otherwise keeps the current one and records why.
	 * Never rejects. A request made while a rebuild runs gets one more rebuild after it, shared with every other
	 * request made meanwhile, so changes made during a rebuild are never missed.
	 */
	reload(): Promise<ReloadOutcome> {
		if (this.#queued !== null) return this.#queued;
		const next = this.#running.then(() => {
			this.#queued = null;
			return this.#rebuild();
		});
		this.#queued = next;
		this.#running = next;
		return next;
	}

	/**
	 * Rebuilds after Markdown files under the folder change (added, edited, removed, renamed, folders too), once per
	 * burst of changes. Dot-folders and files other than notes are ignored, as the loader ignores them. A folder that
	 * vanishes is looked for every `folderPollMs` and watched again once it is back.
	 */
	watch(): void {
		if (this.#watching) return;
		this.#watching = true;
		this.#startWatcher();
	}

	/** Stops watching; resolves once a rebuild under way has finished. */
	async close(): Promise<void> {
		this.#watching = false;
		this.#stopWatcher();
		if (this.#debounce !== null) clearTimeout(this.#debounce);
		this.#debounce = null;
		await this.#running;
	}

	async #rebuild(): Promise<ReloadOutcome> {
		const { clock, logger } = this.#options;
		const startedMs = monotonicMs();
		let library: Library;
		try {
			library = await openLibrary(this.notesDir, { maxFileBytes: this.#options.maxFileBytes });
		} catch (error) {
			const failure: ReloadFailure = { at: clock.now(), reason: describe(error) };
			this.#lastFailure = failure;
			logger.warn({ notesDir: this.notesDir }, `notes: rebuild failed, keeping the previous notes (${failure.reason})`);
			// The folder itself is gone or unusable: a watcher on it hears nothing more, so look for it instead.
			if (error instanceof NotesError) this.#awaitFolder();
			return this.#settle({ ok: false, failure });
		}
		const known = new Set(this.#library.warnings.map((warning) => warning.reason));
		for (const warning of library.warnings)
			if (!known.has(warning.reason)) logger.warn({ file: warning.file }, warning.reason);
		this.#library = library;
		this.#builtAt = clock.now();
		const elapsedMs = monotonicMs() - startedMs;
		logger.info(
			{
				notesDir: this.notesDir,
				concepts: library.index.size,
				files: library.files.length,
				questions: library.questions.questions.length,
				warnings: library.warnings.length,
				elapsedMs: Math.round(elapsedMs),
			},
			'notes reloaded',
		);
		return this.#settle({ ok: true, library, builtAt: this.#builtAt, elapsedMs });
	}

	#settle(outcome: ReloadOutcome): ReloadOutcome {
		this.emit('reload', outcome);
		return outcome;
	}

	#schedule(): void {
		if (this.#debounce !== null) clearTimeout(this.#debounce);
		this.#debounce = setTimeout(() => {
			this.#debounce = null;
			void this.reload();
		}, this.#options.debounceMs ?? RELOAD_DEBOUNCE_MS);
	}

	/** Returns false when the folder cannot be watched now. */
	#startWatcher(): boolean {
		try {
			// Not persistent: watching alone does not keep the process alive.
			const watcher = watch(this.notesDir, { recursive: true, persistent: false });
			watcher.on('change', (_event, filename) => {
				if (concernsNotes(filename === null ? null : String(filename))) this.#schedule();
			});
			watcher.on('error', (error) => {
				this.#options.logger.warn(
					{ notesDir: this.notesDir },
					`notes: watching the folder stopped (${describe(error)}); looking for it again`,
				);
				this.#awaitFolder();
			});
			this.#watcher = watcher;
			return true;
		} catch (error) {
			this.#options.logger.warn(
				{ notesDir: this.notesDir },
				`notes: cannot watch the folder (${describe(error)}); looking for it again`,
			);
			return false;
		}
	}

	#stopWatcher(): void {
		this.#watcher?.close();
		this.#watcher = null;
	}

	/** Drops the watcher and checks for the folder until it can be watched again, then rebuilds. */
	#awaitFolder(): void {
		if (!this.#watching || this.#polling) return;
		this.#stopWatcher();
		this.#polling = true;
		const poll = async (): Promise<void> => {
			const back = await fs.stat(this.notesDir).then(
				(stats) => stats.isDirectory(),
				() => false,
			);
			if (!this.#watching) {
				this.#polling = false;
				return;
			}
			if (back && this.#startWatcher()) {
				this.#polling = false;
				this.#schedule();
				return;
			}
			setTimeout(() => void poll(), this.#options.folderPollMs ?? FOLDER_POLL_MS).unref();
		};
		setTimeout(() => void poll(), this.#options.folderPollMs ?? FOLDER_POLL_MS).unref();
	}
}

/**
 * Whether a change reported for `filename` (relative to the folder; null or empty: the folder itself) can change the
 * notes: a note file, or a name without an extension, which may be a folder of notes.
 */
export function concernsNotes(filename: string | null): boolean {
	if (filename === null || filename === '') return true;
	const segments = filename.split(/[\\/]/);
	if (segments.some((segment) => segment.startsWith('.'))) return false;
	const last = segments.at(-1) ?? '';
	return NOTE_EXTENSION.test(last) || !last.includes('.');
}

/** An error's message without the module prefix the log line already gives. */
function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/^notes: /, '');
}
