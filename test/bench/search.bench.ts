/**
 * `npm run bench`: our index against MiniSearch and FlexSearch, indexing the same concepts in the same run.
 *
 * Indexed: data/notes, test/fixtures/query-notes and every Markdown file of ../shared/corpus.
 * Each engine runs in its own child process (so one engine's garbage cannot inflate another's heap):
 * it parses the notes, builds its index, then answers the labelled query set (test/search/queries.ts)
 * WARMUP_ROUNDS times unmeasured and MEASURED_ROUNDS times measured.
 * Printed: build time (index only, parsing is shared and shown apart), heap after build (whole process,
 * after a full GC, concepts included), p50/p99 latency per query, and hit@1 over the query set.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Charset, Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Concept } from '../../src/notes/concept.ts';
import { buildSearchIndex } from '../../src/search/index.ts';
import { isRightAnswer, QUERIES } from '../search/queries.ts';
import { loadConcepts } from '../support/notes.ts';

const CORPUS_DIR = path.resolve(PROJECT_DIR, '..', 'shared', 'corpus');
const NOTE_DIRS = [
	path.join(PROJECT_DIR, 'data/notes'),
	path.join(PROJECT_DIR, 'test/fixtures/query-notes'),
	CORPUS_DIR,
];
const WARMUP_ROUNDS = 5;
const MEASURED_ROUNDS = 30;
const ENGINES = ['study-bot', 'minisearch', 'flexsearch'] as const;
type Engine = (typeof ENGINES)[number];

/** One engine's answer to a query: concept indexes into the shared concept array, best first. */
type Searcher = (query: string) => number[];

interface Result {
	engine: Engine;
	concepts: number;
	parseMs: number;
	buildMs: number;
	heapMB: number;
	p50Us: number;
	p99Us: number;
	hitAt1: number;
	misses: string[];
}

function sectionText(concept: Concept): string {
	return [concept.definition, concept.facts.join('\n'), concept.body].join('\n');
}

function buildEngine(engine: Engine, concepts: readonly Concept[]): Searcher {
	switch (engine) {
		case 'study-bot': {
			const index = buildSearchIndex(concepts);
			const position = new Map(concepts.map((concept, i) => [concept.id, i]));
			return (query) => index.search(query, { limit: 10 }).map((hit) => position.get(hit.concept.id) ?? -1);
		}
		case 'minisearch': {
			// MiniSearch's documented set-up for this use: field boosts, prefix and fuzzy (0.2) search.
			const index = new MiniSearch<{ id: number; title: string; aliases: string; path: string; text: string }>({
				fields: ['title', 'aliases', 'path', 'text'],
				searchOptions: { boost: { title: 3, aliases: 3, path: 0.5 }, prefix: true, fuzzy: 0.2 },
			});
			index.addAll(
				concepts.map((concept, id) => ({
					id,
					title: concept.title,
					aliases: concept.aliases.join(' '),
					path: concept.source.headingPath.join(' '),
					text: sectionText(concept),
				})),
			);
			return (query) =>
				index
					.search(query)
					.slice(0, 10)
					.map((hit) => hit.id as number);
		}
		case 'flexsearch': {
			// FlexSearch's documented set-up for partial matching of mixed scripts: forward tokenizer, Unicode-normalising encoder.
			const index = new Document({
				document: { id: 'id', index: ['title', 'aliases', 'path', 'text'] },
				tokenize: 'forward',
				encoder: Charset.Normalize,
			});
			concepts.forEach((concept, id) => {
				index.add({
					id,
					title: concept.title,
					aliases: concept.aliases.join(' '),
					path: concept.source.headingPath.join(' '),
					text: sectionText(concept),
				});
			});
			return (query) => {
				const fields = index.search(query, { limit: 10 }) as { field: string; result: number[] }[];
				const order = ['title', 'aliases', 'path', 'text'];
				const ranked: number[] = [];
				for (const field of order) {
					for (const id of fields.find((f) => f.field === field)?.result ?? [])
						if (!ranked.includes(id)) ranked.push(id);
				}
				return ranked.slice(0, 10);
			};
		}
	}
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function runEngine(engine: Engine): Promise<Result> {
	const gc = globalThis.gc;
	if (gc === undefined) throw new Error('bench: run with --expose-gc');
	let start = performance.now();
	const concepts = await loadConcepts(NOTE_DIRS);
	const parseMs = performance.now() - start;
	gc();
	start = performance.now();
	const search = buildEngine(engine, concepts);
	const buildMs = performance.now() - start;
	gc();
	const heapMB = process.memoryUsage().heapUsed / 2 ** 20;

	const misses: string[] = [];
	let hits = 0;
	for (const query of QUERIES) {
		const top = concepts[search(query.query)[0] ?? -1];
		if (isRightAnswer(query, top)) hits += 1;
		else misses.push(`${query.query} → ${top?.title ?? '(nothing)'}`);
	}
	for (let round = 0; round < WARMUP_ROUNDS; round++) for (const query of QUERIES) search(query.query);
	const latenciesUs: number[] = [];
	for (let round = 0; round < MEASURED_ROUNDS; round++) {
		for (const query of QUERIES) {
			const t0 = process.hrtime.bigint();
			search(query.query);
			latenciesUs.push(Number(process.hrtime.bigint() - t0) / 1000);
		}
	}
	latenciesUs.sort((a, b) => a - b);
	return {
		engine,
		concepts: concepts.length,
		parseMs,
		buildMs,
		heapMB,
		p50Us: percentile(latenciesUs, 50),
		p99Us: percentile(latenciesUs, 99),
		hitAt1: hits / QUERIES.length,
		misses,
	};
}

function runInChild(engine: Engine): Promise<Result> {
	return new Promise((resolve, reject) => {
		const child = fork(fileURLToPath(import.meta.url), ['--engine', engine], {
			execArgv: [...process.execArgv, '--expose-gc'],
		});
		child.once('message', (message) => resolve(message as Result));
		child.once('error', reject);
		child.once('exit', (code) => {
			if (code !== 0) reject(new Error(`bench: ${engine} exited with code ${code}`));
		});
	});
}

async function main(): Promise<void> {
	const engineArg = process.argv.indexOf('--engine');
	if (engineArg !== -1) {
		const engine = process.argv[engineArg + 1] as Engine;
		process.send?.(await runEngine(engine));
		return;
	}
	if (!existsSync(CORPUS_DIR)) {
		console.error(
			`bench: the corpus folder ${path.relative(process.cwd(), CORPUS_DIR)} is missing; the benchmark needs it`,
		);
		process.exitCode = 2;
		return;
	}
	const results: Result[] = [];
	for (const engine of ENGINES) results.push(await runInChild(engine));
	const [first] = results;
	console.log(
		`${first?.concepts} concepts from ${NOTE_DIRS.length} folders; parsing took ${first?.parseMs.toFixed(0)} ms; ${QUERIES.length} labelled queries × ${MEASURED_ROUNDS} rounds\n`,
	);
	console.log('| engine | build (ms) | parse + build (ms) | heap after build (MB) | p50 (µs) | p99 (µs) | hit@1 |');
	console.log('|---|---:|---:|---:|---:|---:|---:|');
	for (const r of results) {
		console.log(
			`| ${r.engine} | ${r.buildMs.toFixed(0)} | ${(r.parseMs + r.buildMs).toFixed(0)} | ${r.heapMB.toFixed(1)} | ${r.p50Us.toFixed(1)} | ${r.p99Us.toFixed(1)} | ${(r.hitAt1 * 100).toFixed(1)}% |`,
		);
	}
	const ours = results.find((r) => r.engine === 'study-bot');
	if (ours !== undefined && ours.misses.length > 0)
		console.log(`\nstudy-bot misses:\n${ours.misses.map((m) => `  ${m}`).join('\n')}`);
}

await main();
