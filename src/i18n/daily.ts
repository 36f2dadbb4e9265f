import { numberIn } from './format.ts';

const enNumber = numberIn('en');
const koNumber = numberIn('ko');

/**
 * The daily question: what is posted in the channel (in the server's language), the private answer feedback and
 * `/daily` (in the member's). `closes`, `first` and `next` are zoned times such as `2026-12-02 09:00 (Asia/Seoul)`;
 * `channel` is a channel mention.
 */
export const en = {
	postTitle: (p: { date: string }) => `Daily question · ${p.date}`,
	postOpenFooter: (p: { closes: string }) => `Answer with the buttons below · closes ${p.closes}`,
	postClosedFooter: (p: { answer: string }) => `Closed · answer ${p.answer}`,
	resultsTitle: (p: { date: string }) => `Results · daily question ${p.date}`,
	resultsAnswer: (p: { answer: string }) => `**Answer:** ${p.answer}`,
	nobodyAnswered: 'Nobody answered this one.',
	resultsSummary: (p: { correct: number; total: number; percent: number }) =>
		`**${enNumber(p.correct)} of ${enNumber(p.total)}** answered correctly (${p.percent}%).`,
	feedbackClosed: (p: { answer: string }) => `This question closed. The answer was ${p.answer}.`,
	feedbackAlready: (p: { choice: string; correct: boolean }) =>
		`You already answered ${p.choice} (${p.correct ? 'correct' : 'not correct'}); your first answer counts.`,
	feedbackCorrect: (p: { choice: string; closes: string }) =>
		`✅ Correct: ${p.choice}. Your points are added when the question closes, ${p.closes}.`,
	feedbackWrong: (p: { choice: string; answer: string }) =>
		`❌ Not this time: you answered ${p.choice}; the answer is ${p.answer}.`,
	/** Posted in the channel by `/daily setup`, which also proves the bot can post there. */
	announcement: (p: { time: string; zone: string; first: string }) =>
		`📚 The daily question will be posted here every day at ${p.time} (${p.zone}). First one: ${p.first}.`,
	saved: 'Saved.',
	notSetUp: 'The daily quiz is not set up here. `/daily setup` picks a channel, a time and a time zone.',
	statusChannel: (p: { channel: string }) => `**Channel:** ${p.channel}`,
	statusTime: (p: { time: string; zone: string; enabled: boolean }) =>
		`**Time:** ${p.time} (${p.zone})${p.enabled ? '' : ' — **off**'}`,
	statusNextPost: (p: { next: string }) => `**Next post:** ${p.next}`,
	statusNoNextPost: '**Next post:** —',
	todayNotPosted: "**Today's question:** not posted yet",
	todayFailed: (p: { reason: string }) => `**Today's question:** not posted (${p.reason})`,
	todaySending: "**Today's question:** being posted",
	/** `link` is empty or ` — ` and the message link. */
	todayPosted: (p: { open: boolean; answers: number; link: string }) =>
		`**Today's question:** ${p.open ? 'open' : 'closed'}, ${enNumber(p.answers)} ${p.answers === 1 ? 'answer' : 'answers'}${p.link}`,
	lastProblem: (p: { problem: string }) => `⚠️ **Last problem:** ${p.problem}`,
	unknownReason: 'unknown',
	postFailed: (p: { reason: string }) => `Today's question could not be posted: ${p.reason}.`,
	postUnknownReason: 'unknown reason',
	postSending: "Today's question is being posted; `/daily status` shows when it is up.",
	posted: (p: { channel: string; link: string }) => `Posted today's question in ${p.channel}: ${p.link}`,
	alreadyPosted: (p: { open: boolean; link: string }) =>
		`Today's question is already posted (${p.open ? 'open' : 'closed'}): ${p.link}`,
	off: 'Daily questions are off. An open question still closes and is scored on time. `/daily setup` turns them on again.',
	alreadyOff: 'Daily questions were already off.',
	manageServerOnly: 'Only members with the Manage Server permission can change the daily quiz.',
	notATime: (p: { time: string }) => `"${p.time}" is not a time. Use 24-hour HH:MM, for example 09:00 or 21:30.`,
	notAZone: (p: { zone: string }) =>
		`"${p.zone}" is not a time zone I know. Use an IANA name such as Asia/Seoul, Europe/Berlin or America/New_York.`,
	cannotPost: (p: { channel: string; reason: string }) =>
		`I can't post in ${p.channel}: ${p.reason}. Fix the channel's permissions for the bot and run \`/daily setup\` again.`,
	notSetUpYet: 'The daily quiz is not set up here yet. Run `/daily setup` first.',
	discordRefused:
		'Discord did not take the post just now. It is saved and will be retried within five minutes; `/daily status` shows how it went.',
	nothingToPost: 'The notes give no questions yet, so there is nothing to post.',
	notThisServer: 'This button does not belong to a daily question of this server.',
	questionGone: 'This daily question no longer exists.',
	conceptGone: (p: { explanation: string }) =>
		`That concept is no longer in the notes. From the question: ${p.explanation}`,
	/**
	 * Why posting went wrong. Stored in English on the post and the server's state (`failure`, `lastError`), and shown
	 * in the reader's language by `/daily status` and `/daily post`.
	 */
	problems: {
		channelGone: 'the channel no longer exists',
		noAccess: 'the bot cannot see the channel (Missing Access)',
		noPermission: 'the bot lacks a permission there (needs View Channel, Send Messages, Embed Links)',
		notSentInTime: 'not sent before it would have closed',
		noQuestions: 'the notes give no questions',
		/** `error` is Discord's or the network's own message. */
		willRetry: (p: { error: string }) => `posting failed, will retry: ${p.error}`,
		notPosted: (p: { date: string; reason: string }) => `the question of ${p.date} was not posted: ${p.reason}`,
	},
};

export const ko: typeof en = {
	postTitle: (p) => `오늘의 문제 · ${p.date}`,
	postOpenFooter: (p) => `아래 버튼으로 답하세요 · 마감 ${p.closes}`,
	postClosedFooter: (p) => `마감 · 정답 ${p.answer}`,
	resultsTitle: (p) => `결과 · 오늘의 문제 ${p.date}`,
	resultsAnswer: (p) => `**정답:** ${p.answer}`,
	nobodyAnswered: '아무도 답하지 않았습니다.',
	resultsSummary: (p) => `**${koNumber(p.total)}명 중 ${koNumber(p.correct)}명** 정답 (${p.percent}%).`,
	feedbackClosed: (p) => `이 문제는 마감되었습니다. 정답: ${p.answer}.`,
	feedbackAlready: (p) => `이미 답했습니다: ${p.choice} (${p.correct ? '정답' : '오답'}). 처음 고른 답만 인정됩니다.`,
	feedbackCorrect: (p) => `✅ 정답: ${p.choice}. 점수는 문제가 마감될 때(${p.closes}) 더해집니다.`,
	feedbackWrong: (p) => `❌ 아쉽네요. 고른 답: ${p.choice} · 정답: ${p.answer}.`,
	announcement: (p) => `📚 이 채널에 매일 ${p.time} (${p.zone})에 오늘의 문제가 올라옵니다. 첫 문제: ${p.first}.`,
	saved: '저장했습니다.',
	notSetUp: '이 서버에는 오늘의 문제가 설정되어 있지 않습니다. `/daily setup`으로 채널, 시각, 시간대를 정하세요.',
	statusChannel: (p) => `**채널:** ${p.channel}`,
	statusTime: (p) => `**시각:** ${p.time} (${p.zone})${p.enabled ? '' : ' — **꺼짐**'}`,
	statusNextPost: (p) => `**다음 문제:** ${p.next}`,
	statusNoNextPost: '**다음 문제:** —',
	todayNotPosted: '**오늘의 문제:** 아직 올라가지 않음',
	todayFailed: (p) => `**오늘의 문제:** 올리지 못함 (${p.reason})`,
	todaySending: '**오늘의 문제:** 올리는 중',
	todayPosted: (p) => `**오늘의 문제:** ${p.open ? '진행 중' : '마감'}, 답 ${koNumber(p.answers)}개${p.link}`,
	lastProblem: (p) => `⚠️ **최근 오류:** ${p.problem}`,
	unknownReason: '알 수 없음',
	postFailed: (p) => `오늘의 문제를 올리지 못했습니다: ${p.reason}.`,
	postUnknownReason: '알 수 없는 이유',
	postSending: '오늘의 문제를 올리는 중입니다. 올라갔는지는 `/daily status`에서 볼 수 있습니다.',
	posted: (p) => `${p.channel}에 오늘의 문제를 올렸습니다: ${p.link}`,
	alreadyPosted: (p) => `오늘의 문제는 이미 올라가 있습니다 (${p.open ? '진행 중' : '마감'}): ${p.link}`,
	off: '오늘의 문제를 껐습니다. 진행 중인 문제는 예정대로 마감되고 점수가 매겨집니다. `/daily setup`으로 다시 켤 수 있습니다.',
	alreadyOff: '오늘의 문제는 이미 꺼져 있습니다.',
	manageServerOnly: '서버 관리 권한이 있는 멤버만 오늘의 문제를 바꿀 수 있습니다.',
	notATime: (p) => `"${p.time}"은(는) 시각이 아닙니다. 24시간 HH:MM 형식으로 입력하세요 (예: 09:00, 21:30).`,
	notAZone: (p) =>
		`"${p.zone}"은(는) 알 수 없는 시간대입니다. Asia/Seoul, Europe/Berlin, America/New_York 같은 IANA 이름을 쓰세요.`,
	cannotPost: (p) =>
		`${p.channel}에 글을 올릴 수 없습니다: ${p.reason}. 채널에서 봇의 권한을 고친 뒤 \`/daily setup\`을 다시 실행하세요.`,
	notSetUpYet: '이 서버에는 아직 오늘의 문제가 설정되지 않았습니다. 먼저 `/daily setup`을 실행하세요.',
	discordRefused:
		'Discord가 방금 글을 받지 않았습니다. 저장해 두었으니 5분 안에 다시 시도합니다. 결과는 `/daily status`에서 볼 수 있습니다.',
	nothingToPost: '노트에서 아직 문제를 만들 수 없어 올릴 것이 없습니다.',
	notThisServer: '이 버튼은 이 서버의 오늘의 문제에 속하지 않습니다.',
	questionGone: '이 오늘의 문제는 더 이상 없습니다.',
	conceptGone: (p) => `그 개념은 더 이상 노트에 없습니다. 문제의 설명: ${p.explanation}`,
	problems: {
		channelGone: '채널이 더 이상 없습니다',
		noAccess: '봇이 채널을 볼 수 없습니다 (Missing Access)',
		noPermission: '봇에게 그 채널의 권한이 없습니다 (채널 보기, 메시지 보내기, 링크 첨부 필요)',
		notSentInTime: '마감 전에 보내지 못했습니다',
		noQuestions: '노트에서 만들 수 있는 문제가 없습니다',
		willRetry: (p) => `올리지 못해 다시 시도합니다: ${p.error}`,
		notPosted: (p) => `${p.date} 문제를 올리지 못했습니다: ${p.reason}`,
	},
};
