import { numberIn } from './format.ts';

const enNumber = numberIn('en');
const koNumber = numberIn('ko');

/** `/search` results. `query` is what the member typed, quoted as given. */
export const en = {
	nothing: (p: { query: string }) => `Nothing in the notes matches “${p.query}”.`,
	title: (p: { query: string }) => `Search: ${p.query}`,
	footer: (p: { shown: number; total: number }) =>
		`${enNumber(p.shown)} of ${enNumber(p.total)} result${p.total === 1 ? '' : 's'}`,
};

export const ko: typeof en = {
	nothing: (p) => `노트에서 “${p.query}”에 맞는 내용을 찾지 못했습니다.`,
	title: (p) => `검색: ${p.query}`,
	footer: (p) => `결과 ${koNumber(p.total)}개 중 ${koNumber(p.shown)}개`,
};
