/** Texts every feature shares: buttons, sources, and the errors the router and the guards answer with. */
export const en = {
	/** The button that opens a concept's card. */
	explain: 'Explain',
	/** Where a question or concept comes from; `source` is `file › heading › path`. */
	source: (p: { source: string }) => `Source: ${p.source}`,
	guildOnly: 'This works only inside a server.',
	/** A component whose custom_id points at nothing (forged, or from a removed feature). */
	staleButton: 'This button no longer works. Run the command again.',
	olderButton: 'This button is from an older version of the bot.',
	olderButtonRunAgain: (p: { command: string }) =>
		`This button is from an older version of the bot. Run \`/${p.command}\` again.`,
	commandGone: (p: { command: string }) => `/${p.command} is not available any more.`,
	/** The store cannot be reached: nothing of the request was saved, and trying again later is safe. */
	storeDown: "The bot's storage is not answering right now, so nothing was saved. Please try again in a minute.",
	/** Anything that is not a user-facing error; the id is in the log. */
	internalError: (p: { errorId: string }) =>
		`Something went wrong on our side (error id \`${p.errorId}\`). Please try again.`,
};

export const ko: typeof en = {
	explain: '설명',
	source: (p) => `출처: ${p.source}`,
	guildOnly: '서버 안에서만 쓸 수 있습니다.',
	staleButton: '이 버튼은 더 이상 작동하지 않습니다. 명령어를 다시 실행해 주세요.',
	olderButton: '이전 버전의 봇이 만든 버튼입니다.',
	olderButtonRunAgain: (p) => `이전 버전의 봇이 만든 버튼입니다. \`/${p.command}\` 명령어를 다시 실행해 주세요.`,
	commandGone: (p) => `/${p.command} 명령어는 더 이상 쓸 수 없습니다.`,
	storeDown: '봇의 저장소가 지금 응답하지 않아 아무것도 저장되지 않았습니다. 잠시 후 다시 시도해 주세요.',
	internalError: (p) => `봇에서 문제가 생겼습니다 (오류 ID \`${p.errorId}\`). 다시 시도해 주세요.`,
};
