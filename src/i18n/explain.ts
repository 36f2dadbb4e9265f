/** `/explain` cards and their "did you mean" reply. `query` is what the member typed, quoted as given. */
export const en = {
	alsoCalled: 'Also called',
	alsoIn: 'Also in',
	/** Appended to the footer of a card with several pages. */
	pageNote: (p: { page: number; pages: number }) => ` · page ${p.page}/${p.pages}`,
	emptySection: '*No text of its own in the notes; its parts are below.*',
	previousPage: 'Prev',
	nextPage: 'Next',
	notFoundSuggest: (p: { query: string }) => `No concept in the notes matches “${p.query}”. Did you mean one of these?`,
	notFound: (p: { query: string }) =>
		`No concept in the notes matches “${p.query}”. Try \`/search\` with other words, or check the spelling.`,
	conceptGone: 'That concept is no longer in the notes (they may have changed). Try `/explain` again.',
};

export const ko: typeof en = {
	alsoCalled: '다른 이름',
	alsoIn: '다른 곳에도 있음',
	pageNote: (p) => ` · ${p.page}/${p.pages}쪽`,
	emptySection: '*노트에 이 항목만의 내용은 없습니다. 하위 항목은 아래에 있습니다.*',
	previousPage: '이전',
	nextPage: '다음',
	notFoundSuggest: (p) => `“${p.query}”에 맞는 개념이 노트에 없습니다. 혹시 이 중 하나인가요?`,
	notFound: (p) => `“${p.query}”에 맞는 개념이 노트에 없습니다. 다른 단어로 \`/search\`를 해 보거나 철자를 확인하세요.`,
	conceptGone: '그 개념은 더 이상 노트에 없습니다 (노트가 바뀌었을 수 있습니다). `/explain`을 다시 실행해 주세요.',
};
