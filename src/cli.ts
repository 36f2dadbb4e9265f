import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { cardText, formatSource, relatedConcepts, snippet } from './discord/cards.ts';
import { loadDotEnv } from './env.ts';
import { type Library, openLibrary } from './library.ts';
import type { Concept } from './notes/concept.ts';
import { lintLibrary } from './notes/lint.ts';
import { NotesError } from './notes/load.ts';
import { drawQuestions } from './quiz/generate.ts';
import type { Question } from './quiz/question.ts';
import type { SearchHit } from './search/index.ts';

/** Exit codes of the CLI. */
export const EXIT = { found: 0, notFound: 1, usage: 2 } as const;

export const USAGE = `Usage: npm run cli -- <verb> [options]

Verbs:
  explain <query>          the best concept for a name or question
  search <query>           ranked concepts (--limit N, default 10)
  concepts                 every concept: id, title, aliases, source
  lint                     per file: concepts found and warnings
  quiz                     quiz questions drawn from the notes, with their answers

Options:
  --notes DIR              notes folder (default: NOTES_DIR, else data/notes)
  --json                   machine-readable output
  --stdin                  explain/search: one query per input line, one JSON line per answer
  --limit N                search: how many results (1-100)
  --count N                quiz: how many questions (1-100, default 5)
  --seed S                 quiz: the same seed draws the same questions from the same notes (default 1)
  --topic T                quiz: only questions of this topic (a file's top heading, or its name)
  -h, --help               this text

Exit codes: 0 found (lint: no warnings), 1 not found (lint: warnings; quiz: no question), 2 usage error.`;

export interface CliIo {
	readonly stdout: Writable;
	readonly stderr: Writable;
	readonly stdin: Readable;
	readonly env: Readonly<Record<string, string | undefined>>;
}

class UsageError extends Error {}

const VERBS = ['explain', 'search', 'concepts', 'lint', 'quiz'] as const;
type Verb = (typeof VERBS)[number];

interface SourceJson {
	file: string;
	headingPath: readonly string[];
	line: number;
}

/** What `--json` prints for a concept. */
export interface ConceptJson {
	id: string;
	title: string;
	aliases: readonly string[];
	definition: string;
	source: SourceJson;
	kind: Concept['kind'];
}

function conceptJson(concept: Concept): ConceptJson {
	const { id, title, aliases, definition, source, kind } = concept;
	return { id, title, aliases, definition, source: { ...source }, kind };
}

function explainJson(library: Library, hit: SearchHit): Record<string, unknown> {
	const { concept } = hit;
	return {
		...conceptJson(concept),
		body: concept.body,
		facts: concept.facts,
		tags: concept.tags,
		parent: concept.parentId,
		children: concept.childIds,
		related: relatedConcepts(library, concept, 8).map((other) => ({ id: other.id, title: other.title })),
		alsoIn: hit.alsoIn.map((other) => ({ id: other.id, source: other.source })),
		match: hit.match,
		score: hit.score,
	};
}

function searchJson(hits: readonly SearchHit[]): Record<string, unknown>[] {
	return hits.map((hit) => ({ ...conceptJson(hit.concept), score: hit.score, match: hit.match }));
}

function explainText(library: Library, hit: SearchHit): string {
	const { concept } = hit;
	const lines = [concept.aliases.length > 0 ? `${concept.title}  (${concept.aliases.join(' · ')})` : concept.title];
	lines.push(`${formatSource(concept.source)}  (line ${concept.source.line})`, '');
	const text = cardText(concept);
	if (text !== '') lines.push(text, '');
	const related = relatedConcepts(library, concept, 8);
	if (related.length > 0) lines.push(`Related: ${related.map((other) => other.title).join(' · ')}`);
	for (const other of hit.alsoIn) lines.push(`Also in: ${formatSource(other.source)}`);
	return `${lines.join('\n').trimEnd()}\n`;
}

function searchText(hits: readonly SearchHit[]): string {
	return hits
		.map((hit, i) => {
			const text = snippet(hit.concept, 100);
			return `${i + 1}. ${hit.concept.title}${text === '' ? '' : ` — ${text}`}\n   ${formatSource(hit.concept.source)}  [${hit.match} ${hit.score.toFixed(2)}]\n`;
		})
		.join('');
}

function notFoundJson(library: Library, query: string): Record<string, unknown> {
	return { query, found: false, suggestions: library.index.suggest(query).map((concept) => concept.title) };
}

/** What `quiz --json` prints for a question. */
export interface QuestionJson {
	id: string;
	question: string;
	options: readonly string[];
	answer: number;
	kind: Question['kind'];
	conceptId: string;
	topic: string;
	source: SourceJson;
}

function questionJson(question: Question): QuestionJson {
	const { id, stem, options, answer, kind, conceptId, topic, source } = question;
	return { id, question: stem, options, answer, kind, conceptId, topic, source: { ...source } };
}

const OPTION_LETTERS = 'ABCD';
/** Topics named when a `--topic` matches none, at most. */
const TOPICS_SHOWN = 10;

function quizText(questions: readonly Question[]): string {
	return questions
		.map((question, i) => {
			const [first = '', ...more] = question.stem.split('\n');
			const lines = [
				`${i + 1}. ${first}`,
				...more.map((line) => `   ${line}`),
				...question.options.map((option, n) => `   ${OPTION_LETTERS[n] ?? n + 1}. ${option}`),
			];
			const letter = OPTION_LETTERS[question.answer] ?? String(question.answer + 1);
			lines.push(`   Answer: ${letter} · ${question.kind} · ${formatSource(question.source)}`);
			return `${lines.join('\n')}\n`;
		})
		.join('\n');
}

function noQuestionsText(topic: string | undefined, topics: readonly string[]): string {
	if (topic === undefined) return 'The notes give no quiz question.\n';
	const shown = topics.slice(0, TOPICS_SHOWN).join(', ');
	const more = topics.length > TOPICS_SHOWN ? ', …' : '';
	return `No quiz question for topic "${topic}".${topics.length > 0 ? ` Topics: ${shown}${more}` : ''}\n`;
}

function parseCount(raw: string | undefined): number {
	if (raw === undefined) return 5;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
		throw new UsageError(`--count must be a whole number from 1 to 100, got "${raw}"`);
	return Number(raw);
}

function parseLimit(raw: string | undefined): number {
	if (raw === undefined) return 10;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
		throw new UsageError(`--limit must be a whole number from 1 to 100, got "${raw}"`);
	return Number(raw);
}

/** Runs the CLI with `argv` (without node and script) and returns its exit code; never calls `process.exit`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	const out = (text: string): void => void io.stdout.write(text);
	try {
		const { values, positionals } = (() => {
			try {
				return parseArgs({
					args: [...argv],
					allowPositionals: true,
					options: {
						notes: { type: 'string' },
						json: { type: 'boolean', default: false },
						stdin: { type: 'boolean', default: false },
						limit: { type: 'string' },
						count: { type: 'string' },
						seed: { type: 'string' },
						topic: { type: 'string' },
						help: { type: 'boolean', short: 'h', default: false },
					},
				});
			} catch (error) {
				throw new UsageError((error as Error).message);
			}
		})();
		if (values.help) {
			out(`${USAGE}\n`);
			return EXIT.found;
		}
		const [verbArg, ...rest] = positionals;
		if (verbArg === undefined) throw new UsageError('a verb is required');
		const verb = VERBS.find((known) => known === verbArg) as Verb | undefined;
		if (verb === undefined) throw new UsageError(`unknown verb "${verbArg}"`);
		const limit = parseLimit(values.limit);
		const query = rest.join(' ').trim();
		if ((verb === 'explain' || verb === 'search') && !values.stdin && query === '') {
			throw new UsageError(`${verb} needs a query (or --stdin)`);
		}
		if (values.stdin && verb !== 'explain' && verb !== 'search')
			throw new UsageError('--stdin works with explain and search');
		if (verb !== 'quiz' && (values.count !== undefined || values.seed !== undefined || values.topic !== undefined))
			throw new UsageError('--count, --seed and --topic work with quiz');
		const count = parseCount(values.count);
		const seed = values.seed ?? '1';
		if (seed === '') throw new UsageError('--seed must not be empty');
		if (verb === 'quiz' && query !== '') throw new UsageError(`quiz takes no query, got "${query}"`);

		const config = loadConfig(
			values.notes === undefined ? io.env : { ...io.env, NOTES_DIR: path.resolve(values.notes) },
			{
				requireToken: false,
			},
		);
		const library = await openLibrary(config.notesDir, { maxFileBytes: config.notesMaxFileBytes });
		for (const warning of library.warnings) {
			if (verb !== 'lint') io.stderr.write(`${warning.reason}\n`);
		}

		if (values.stdin) {
			let allFound = true;
			for await (const line of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
				const q = line.trim();
				if (q === '') continue;
				const hits = library.index.search(q, { limit: verb === 'explain' ? 1 : limit });
				const [best] = hits;
				if (best === undefined) allFound = false;
				let answer: Record<string, unknown>;
				if (verb === 'search') answer = { query: q, results: searchJson(hits) };
				else if (best === undefined) answer = notFoundJson(library, q);
				else answer = { query: q, found: true, ...explainJson(library, best) };
				out(`${JSON.stringify(answer)}\n`);
			}
			return allFound ? EXIT.found : EXIT.notFound;
		}

		switch (verb) {
			case 'explain': {
				const [best] = library.index.search(query, { limit: 1 });
				if (best === undefined) {
					if (values.json) out(`${JSON.stringify(notFoundJson(library, query), null, 2)}\n`);
					else {
						const suggestions = library.index.suggest(query).map((concept) => concept.title);
						out(
							`No concept matches "${query}".${suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : ''}\n`,
						);
					}
					return EXIT.notFound;
				}
				out(values.json ? `${JSON.stringify(explainJson(library, best), null, 2)}\n` : explainText(library, best));
				return EXIT.found;
			}
			case 'search': {
				const hits = library.index.search(query, { limit });
				if (values.json) out(`${JSON.stringify(searchJson(hits), null, 2)}\n`);
				else out(hits.length === 0 ? `Nothing matches "${query}".\n` : searchText(hits));
				return hits.length === 0 ? EXIT.notFound : EXIT.found;
			}
			case 'concepts': {
				const all = library.index.all();
				if (values.json) out(`${JSON.stringify(all.map(conceptJson), null, 2)}\n`);
				else {
					for (const concept of all) {
						const aliases = concept.aliases.length > 0 ? `  (${concept.aliases.join(' · ')})` : '';
						out(`${concept.id}\t${concept.title}${aliases}\t${concept.source.file}:${concept.source.line}\n`);
					}
				}
				return all.length === 0 ? EXIT.notFound : EXIT.found;
			}
			case 'lint': {
				const report = lintLibrary(library.files, library.index.all());
				const warnings = report.reduce((sum, file) => sum + file.warnings.length, 0);
				if (values.json) out(`${JSON.stringify(report, null, 2)}\n`);
				else {
					for (const file of report) {
						out(`${file.file}: ${file.concepts} concept${file.concepts === 1 ? '' : 's'}\n`);
						for (const warning of file.warnings) out(`  warning: ${warning}\n`);
					}
					const concepts = report.reduce((sum, file) => sum + file.concepts, 0);
					out(
						`${report.length} file${report.length === 1 ? '' : 's'}, ${concepts} concepts, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
					);
				}
				return warnings === 0 ? EXIT.found : EXIT.notFound;
			}
			case 'quiz': {
				const questions = drawQuestions(library.questions, { count, seed, topic: values.topic });
				if (values.json) out(`${JSON.stringify(questions.map(questionJson), null, 2)}\n`);
				else if (questions.length === 0) out(noQuestionsText(values.topic, library.questions.topics()));
				else out(quizText(questions));
				return questions.length === 0 ? EXIT.notFound : EXIT.found;
			}
		}
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr.write(`study-notes: ${error.message}\n\n${USAGE}\n`);
			return EXIT.usage;
		}
		if (error instanceof NotesError || error instanceof ConfigError) {
			io.stderr.write(`${error.message}\n`);
			return EXIT.usage;
		}
		throw error;
	}
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	loadDotEnv();
	process.exitCode = await runCli(process.argv.slice(2), {
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
	});
}
