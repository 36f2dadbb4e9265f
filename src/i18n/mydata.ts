/**
 * `/mydata`: a member's own data. Export attaches the files of `src/review/export.ts`; `files` lists them by name so
 * the text and the attachments agree.
 */
export const en = {
	exportIntro: (p: { answers: number; cards: number }) =>
		`📦 Your study data in this server: ${p.answers} ${p.answers === 1 ? 'answer' : 'answers'} and ${p.cards} review ${p.cards === 1 ? 'card' : 'cards'}.`,
	exportAnswersFile: (p: { file: string; max: string }) =>
		`• \`${p.file}\`: your answers, newest ${p.max} kept (opens in any spreadsheet app)`,
	exportCardsFile: (p: { file: string }) => `• \`${p.file}\`: your review cards and when each is due`,
	exportDeckFile: (p: { file: string; missed: number }) =>
		`• \`${p.file}\`: the ${p.missed === 1 ? 'concept' : `${p.missed} concepts`} you missed, as an Anki deck (in Anki: File › Import)`,
	exportNoMissed: 'You have missed no concept yet, so there is no Anki deck.',
	exportEmpty: 'I keep no study data about you in this server.',
	/** The Anki deck of missed concepts (`::` makes it a subdeck of the server's deck). */
	deckName: (p: { server: string }) => `${p.server}::Missed concepts`,
	deleteNothing: 'I keep no study data about you in this server, so there was nothing to delete.',
	commandDescription: 'Your own data in this server: export it or delete it',
	exportDescription: 'Your answers and review cards as files (CSV, and an Anki deck of what you missed)',
	deleteDescription: 'Delete everything the bot keeps about you in this server (asks first)',
	deleteConfirm:
		'This deletes everything the bot keeps about you in this server: your points and places on every leaderboard, your daily answers, your review cards and answers, and your reminder. It cannot be undone. `/mydata export` saves a copy first.',
	deleteButton: 'Delete my data',
	cancelButton: 'Cancel',
	deleteCancelled: 'Nothing was deleted.',
	deleteExpired: 'This confirmation has expired, so nothing was deleted. Run `/mydata delete` again.',
	deleteNotYours: 'This confirmation belongs to another member.',
	deletedAll: (p: { answers: number; boards: number; study: boolean }) =>
		`🗑️ Deleted: ${p.answers} daily ${p.answers === 1 ? 'answer' : 'answers'}, your points on ${p.boards} ${p.boards === 1 ? 'leaderboard' : 'leaderboards'}${p.study ? ', your review cards, answers and reminder' : ''}. The leaderboard no longer shows you.`,
};

export const ko: typeof en = {
	exportIntro: (p) => `📦 이 서버의 내 학습 기록: 답 ${p.answers}개, 복습 카드 ${p.cards}개.`,
	exportAnswersFile: (p) => `• \`${p.file}\`: 내 답 기록, 최근 ${p.max}개까지 (스프레드시트 앱에서 열림)`,
	exportCardsFile: (p) => `• \`${p.file}\`: 내 복습 카드와 각 카드의 복습 날짜`,
	exportDeckFile: (p) => `• \`${p.file}\`: 틀린 개념 ${p.missed}개의 Anki 덱 (Anki에서 파일 › 가져오기)`,
	exportNoMissed: '아직 틀린 개념이 없어서 Anki 덱은 없습니다.',
	exportEmpty: '이 서버에 저장된 내 학습 기록이 없습니다.',
	deckName: (p) => `${p.server}::틀린 개념`,
	deleteNothing: '이 서버에 저장된 내 학습 기록이 없어서 지울 것이 없습니다.',
	commandDescription: '이 서버의 내 데이터: 내보내기 또는 삭제',
	exportDescription: '내 답과 복습 카드를 파일로 (CSV, 틀린 개념의 Anki 덱)',
	deleteDescription: '이 서버에 저장된 내 데이터를 모두 지웁니다 (먼저 확인합니다)',
	deleteConfirm:
		'이 서버에 저장된 내 데이터를 모두 지웁니다: 점수와 모든 순위표의 자리, 오늘의 문제 답, 복습 카드와 답 기록, 알림 설정. 되돌릴 수 없습니다. 먼저 `/mydata export`로 사본을 저장할 수 있습니다.',
	deleteButton: '내 데이터 삭제',
	cancelButton: '취소',
	deleteCancelled: '아무것도 지우지 않았습니다.',
	deleteExpired: '확인 시간이 지나서 아무것도 지우지 않았습니다. `/mydata delete`를 다시 실행해 주세요.',
	deleteNotYours: '다른 멤버의 확인 버튼입니다.',
	deletedAll: (p) =>
		`🗑️ 삭제했습니다: 오늘의 문제 답 ${p.answers}개, 순위표 ${p.boards}개의 점수${p.study ? ', 복습 카드와 답 기록, 알림 설정' : ''}. 이제 순위표에 나오지 않습니다.`,
};
