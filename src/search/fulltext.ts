/**
 * Full-text side of the index: BM25 over weighted fields, postings in typed arrays.
 *
 * A concept's text is its names (weight 5), definition (1), facts (0.5), body (1) and the titles of its
 * ancestors (0.5). Term frequencies are summed with those weights (BM25F-style) before saturation.
 * Postings are one compressed-sparse-row table: term `t`'s documents are `docs[start[t] .. start[t + 1])`,
 * ascending, with weighted frequencies in `frequencies` (in half units).
 */

import type { Concept } from '../notes/concept.ts';
import { IntMap } from './intmap.ts';
import { compactKey } from './normalize.ts';
import { analyzeQuery, indexForm, type QueryTerm, stripUrls, type TermSink, tokenize } from './tokenize.ts';

/** Field weights in half units (the frequencies are stored ×2 so that they stay integers). */
const WEIGHT_NAME = 10;
const WEIGHT_DEFINITION = 2;
const WEIGHT_FACT = 1;
const WEIGHT_BODY = 2;
const WEIGHT_ANCESTOR = 1;

const BM25_K1 = 1.2;
const BM25_B = 0.75;

/** How much a body made only of links loses: a reference list names every topic and explains none. */
const LINK_LIST_PENALTY = 0.5;
const MIN_LINKS_OF_A_LIST = 3;
const SPACES = /\s+/g;
const MARKDOWN_LINK = /\[([^\]\n]*)\]\([^)\s]*\)|\b(?:https?|ftp):\/\/\S+/g;

/**
 * Share of the body's visible non-space characters (link targets left out) that are link text or bare URLs,
 * 0 to 1; 0 for fewer than {@link MIN_LINKS_OF_A_LIST} links.
 */
function linkShare(body: string): number {
	if (!body.includes('](') && !body.includes('://')) return 0;
	let linked = 0;
	let hidden = 0;
	let links = 0;
	for (const match of body.matchAll(MARKDOWN_LINK)) {
		links++;
		const text = match[1];
		if (text === undefined) {
			linked += match[0].length;
		} else {
			linked += text.replace(SPACES, '').length;
			hidden += match[0].length - text.length - 2;
		}
	}
	if (links < MIN_LINKS_OF_A_LIST) return 0;
	const visible = body.replace(SPACES, '').length - hidden;
	return visible <= 0 ? 1 : Math.min(1, linked / visible);
}

/** Share of the query (its words weighted by IDF) a concept must hold to be a full-text hit. */
const MIN_COVERAGE = 0.5;
/**
 * Share of the best concept's coverage a concept must also hold: when some concepts hold every word of the
 * query, those holding only one of two words are noise.
 */
const RELATIVE_COVERAGE = 0.66;
/** Share of a query word's core terms a concept must hold to hold the word, rounded up. */
const WORD_SHARE = 0.6;
/** Extra terms (particles, phrase bigrams) held by more than this share of the concepts are skipped... */
const COMMON_EXTRA_SHARE = 0.05;
/** ...unless they are held by fewer than this many concepts. */
const MIN_COMMON_DOCUMENTS = 50;
/** Core terms beyond this many are ignored (their bits would not fit a 32-bit mask). */
const MAX_CORE_TERMS = 31;

export interface FullTextIndex {
	readonly documentCount: number;
	readonly hangulTerms: IntMap;
	readonly wordTerms: ReadonlyMap<string, number>;
	readonly start: Int32Array;
	readonly docs: Int32Array;
	readonly frequencies: Uint16Array;
	/** BM25 length normalisation of each document: k1 · (1 − b + b · length / average length). */
	readonly lengthNorm: Float32Array;
	/** Factor in (0, 1] applied to each document's score: lists of links are poor answers. */
	readonly prior: Float32Array;
	/** Per-query scratch. */
	readonly scores: Float64Array;
	readonly matchedCore: Int32Array;
	readonly coverage: Float32Array;
	readonly touched: Int32Array;
}

/**
 * Accumulates postings document by document. A term seen again in the same document adds its field weight
 * to that document's posting instead of making a new one (`lastDoc`/`lastAt` per term).
 */
class PostingsBuilder implements TermSink {
	readonly hangulTerms = new IntMap(1 << 16);
	readonly wordTerms = new Map<string, number>();
	termCount = 0;
	postingTerms: Int32Array = new Int32Array(1 << 16);
	postingDocs: Int32Array = new Int32Array(1 << 16);
	postingFrequencies: Uint16Array = new Uint16Array(1 << 16);
	postingCount = 0;
	lastDoc: Int32Array = new Int32Array(1 << 16).fill(-1);
	lastAt: Int32Array = new Int32Array(1 << 16);
	/** The document being fed, the weight of the field being fed, and the document's weighted length so far. */
	doc = 0;
	weight = 0;
	length = 0;

	hangul(key: number): void {
		let term = this.hangulTerms.get(key);
		if (term < 0) {
			term = this.newTerm();
			this.hangulTerms.set(key, term);
		}
		this.add(term);
	}

	word(token: string): void {
		let term = this.wordTerms.get(token);
		if (term === undefined) {
			term = this.newTerm();
			this.wordTerms.set(token, term);
		}
		this.add(term);
	}

	add(term: number): void {
		const weight = this.weight;
		this.length += weight;
		if (this.lastDoc[term] === this.doc) {
			const at = this.lastAt[term] ?? 0;
			this.postingFrequencies[at] = Math.min(65535, (this.postingFrequencies[at] ?? 0) + weight);
			return;
		}
		if (this.postingCount === this.postingTerms.length) this.growPostings();
		const at = this.postingCount++;
		this.postingTerms[at] = term;
		this.postingDocs[at] = this.doc;
		this.postingFrequencies[at] = weight;
		this.lastDoc[term] = this.doc;
		this.lastAt[term] = at;
	}

	newTerm(): number {
		const term = this.termCount++;
		if (term >= this.lastDoc.length) {
			const lastDoc = new Int32Array(this.lastDoc.length * 2).fill(-1);
			lastDoc.set(this.lastDoc);
			this.lastDoc = lastDoc;
			const lastAt = new Int32Array(this.lastAt.length * 2);
			lastAt.set(this.lastAt);
			this.lastAt = lastAt;
		}
		return term;
	}

	growPostings(): void {
		const size = this.postingTerms.length * 2;
		const terms = new Int32Array(size);
		terms.set(this.postingTerms);
		this.postingTerms = terms;
		const docs = new Int32Array(size);
		docs.set(this.postingDocs);
		this.postingDocs = docs;
		const frequencies = new Uint16Array(size);
		frequencies.set(this.postingFrequencies);
		this.postingFrequencies = frequencies;
	}

	feed(text: string, weight: number): void {
		if (typeof text !== 'string' || text === '') return;
		this.weight = weight;
		tokenize(stripUrls(indexForm(text)), this);
	}
}

/** Builds the postings of `concepts`; document `d` is `concepts[d]`, whose title has compact key `titleKeys[d]`. */
export function buildFullTextIndex(concepts: readonly Concept[], titleKeys: readonly string[]): FullTextIndex {
	const builder = new PostingsBuilder();
	const documentLength = new Float32Array(concepts.length);
	const prior = new Float32Array(concepts.length);
	for (let doc = 0; doc < concepts.length; doc++) {
		const concept = concepts[doc];
		if (concept === undefined) continue;
		builder.doc = doc;
		builder.length = 0;
		builder.feed(concept.title, WEIGHT_NAME);
		for (const alias of concept.aliases) builder.feed(alias, WEIGHT_NAME);
		builder.feed(concept.definition, WEIGHT_DEFINITION);
		for (const fact of concept.facts) builder.feed(fact, WEIGHT_FACT);
		builder.feed(concept.body, WEIGHT_BODY);
		prior[doc] = 1 - LINK_LIST_PENALTY * linkShare(concept.body);
		const path = concept.source.headingPath;
		for (let p = 0; p < path.length; p++) {
			const heading = path[p] ?? '';
			// A section's path ends with its own title, which is not an ancestor.
			if (p === path.length - 1 && (heading === concept.title || compactKey(heading) === titleKeys[doc])) continue;
			builder.feed(heading, WEIGHT_ANCESTOR);
		}
		documentLength[doc] = builder.length;
	}

	const { termCount, postingCount, postingTerms, postingDocs, postingFrequencies } = builder;
	const start = new Int32Array(termCount + 1);
	for (let p = 0; p < postingCount; p++) {
		const term = postingTerms[p] ?? 0;
		start[term + 1] = (start[term + 1] ?? 0) + 1;
	}
	for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] ?? 0) + (start[t] ?? 0);
	const fill = start.slice(0, termCount);
	const docs = new Int32Array(postingCount);
	const frequencies = new Uint16Array(postingCount);
	for (let p = 0; p < postingCount; p++) {
		const term = postingTerms[p] ?? 0;
		const at = fill[term] ?? 0;
		fill[term] = at + 1;
		docs[at] = postingDocs[p] ?? 0;
		frequencies[at] = postingFrequencies[p] ?? 0;
	}
	let totalLength = 0;
	for (let d = 0; d < documentLength.length; d++) totalLength += documentLength[d] ?? 0;
	const documentCount = concepts.length;
	const averageLength = documentCount === 0 ? 1 : Math.max(1, totalLength / documentCount);
	const lengthNorm = new Float32Array(documentCount);
	for (let d = 0; d < documentCount; d++) {
		lengthNorm[d] = BM25_K1 * (1 - BM25_B + (BM25_B * (documentLength[d] ?? 0)) / averageLength);
	}
	return {
		documentCount,
		hangulTerms: builder.hangulTerms,
		wordTerms: builder.wordTerms,
		start,
		docs,
		frequencies,
		lengthNorm,
		prior,
		scores: new Float64Array(documentCount),
		matchedCore: new Int32Array(documentCount),
		coverage: new Float32Array(documentCount),
		touched: new Int32Array(documentCount),
	};
}

function termId(index: FullTextIndex, term: QueryTerm): number {
	return typeof term === 'number' ? index.hangulTerms.get(term) : (index.wordTerms.get(term) ?? -1);
}

function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
	return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Calls `visit(doc, score)` for every concept that holds at least {@link MIN_COVERAGE} of the query and
 * {@link RELATIVE_COVERAGE} of the best concept's share, in an order fixed by the query and the index. A word of the query is
 * held when at least {@link WORD_SHARE} of its core terms are (both bigrams of `가상화`, three of `가상메모리`); words weigh their highest IDF; a query of three words or
 * more also needs two of them held. The score is BM25 over all the query's terms times the held share,
 * times the document's prior (bodies made of links lose up to {@link LINK_LIST_PENALTY}). `normalizedQuery` is NFKC-normalised and lower-cased.
 */
export function searchFullText(
	index: FullTextIndex,
	normalizedQuery: string,
	visit: (doc: number, score: number) => void,
): void {
	const units = analyzeQuery(normalizedQuery);
	if (units.length === 0 || index.documentCount === 0) return;
	const { documentCount, start, docs, frequencies, lengthNorm, scores, matchedCore, coverage, touched } = index;
	const missingIdf = inverseDocumentFrequency(documentCount, 0);

	/** Distinct known terms: id, and the bit of their core role (0 when only extra). */
	const termIds: number[] = [];
	const termBits: number[] = [];
	const unitMasks: number[] = [];
	const unitNeeded: number[] = [];
	const unitWeights: number[] = [];
	let nextBit = 0;
	const bitOfTerm = new Map<number, number>();
	for (const unit of units) {
		let mask = 0;
		let weight = 0;
		let coreCount = 0;
		for (const term of unit.core) {
			coreCount++;
			const id = termId(index, term);
			if (id < 0) {
				weight = Math.max(weight, missingIdf);
				continue;
			}
			weight = Math.max(weight, inverseDocumentFrequency(documentCount, (start[id + 1] ?? 0) - (start[id] ?? 0)));
			let bit = bitOfTerm.get(id);
			if (bit === undefined && nextBit < MAX_CORE_TERMS) {
				bit = 1 << nextBit++;
				bitOfTerm.set(id, bit);
			}
			if (bit !== undefined) mask |= bit;
		}
		if (coreCount === 0) continue;
		unitMasks.push(mask);
		unitNeeded.push(Math.ceil(coreCount * WORD_SHARE - 1e-9));
		unitWeights.push(weight);
		for (const term of unit.extra) {
			const id = termId(index, term);
			if (id >= 0 && !bitOfTerm.has(id)) bitOfTerm.set(id, 0);
		}
	}
	for (const [id, bit] of bitOfTerm) {
		termIds.push(id);
		termBits.push(bit);
	}
	let totalWeight = 0;
	for (const w of unitWeights) totalWeight += w;
	if (totalWeight === 0 || termIds.length === 0) return;
	const unitCount = unitWeights.length;
	const commonCutoff = Math.max(MIN_COMMON_DOCUMENTS, documentCount * COMMON_EXTRA_SHARE);

	let touchedCount = 0;
	const k1Plus1 = BM25_K1 + 1;
	for (let t = 0; t < termIds.length; t++) {
		const id = termIds[t] ?? 0;
		const bit = termBits[t] ?? 0;
		const from = start[id] ?? 0;
		const to = start[id + 1] ?? 0;
		// A very common extra term (`하는`) would touch most concepts for almost no score.
		if (bit === 0 && to - from > commonCutoff) continue;
		const idf = inverseDocumentFrequency(documentCount, to - from);
		for (let p = from; p < to; p++) {
			const d = docs[p] ?? 0;
			const frequency = (frequencies[p] ?? 0) * 0.5;
			const previous = scores[d] ?? 0;
			if (previous === 0) touched[touchedCount++] = d;
			scores[d] = previous + (idf * frequency * k1Plus1) / (frequency + (lengthNorm[d] ?? 1));
			matchedCore[d] = (matchedCore[d] ?? 0) | bit;
		}
	}
	let bestCoverage = 0;
	for (let t = 0; t < touchedCount; t++) {
		const d = touched[t] ?? 0;
		const mask = matchedCore[d] ?? 0;
		let covered = 0;
		let matchedUnits = 0;
		for (let u = 0; u < unitCount; u++) {
			if (popCount(mask & (unitMasks[u] ?? 0)) >= (unitNeeded[u] ?? 1)) {
				covered += unitWeights[u] ?? 0;
				matchedUnits++;
			}
		}
		const share = unitCount >= 3 && matchedUnits < 2 ? 0 : covered / totalWeight;
		coverage[d] = share;
		if (share > bestCoverage) bestCoverage = share;
	}
	const threshold = Math.max(MIN_COVERAGE, RELATIVE_COVERAGE * bestCoverage) - 1e-9;
	for (let t = 0; t < touchedCount; t++) {
		const d = touched[t] ?? 0;
		const share = coverage[d] ?? 0;
		if (share >= threshold) visit(d, (scores[d] ?? 0) * share * (index.prior[d] ?? 1));
		scores[d] = 0;
		matchedCore[d] = 0;
		coverage[d] = 0;
	}
}

function popCount(bits: number): number {
	let v = bits - ((bits >>> 1) & 0x55555555);
	v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
	return (((v + (v >>> 4)) & 0xf0f0f0f) * 0x1010101) >>> 24;
}
