import { relativeTime } from '../review/time.ts';

/**
 * `/review`: spaced review of the concepts a member answered, its reminder by direct message, and the review lines of
 * `/stats` and of answer feedback. `when` is a relative time made by `relative`; `at` is a Discord timestamp.
 */
export const en = {
	commandDescription: 'Review the concepts that are due for you, one question at a time (only you see it)',
	remindOptionDescription: 'A direct message once a day when reviews are due',
	remindChoiceOn: 'on',
	remindChoiceOff: 'off',
	title: (p: { topic: string }) => `🔁 Review · ${p.topic}`,
	dueCount: (p: { due: number }) => `${p.due} due`,
	recallMeaning: (p: { term: string }) => `What does **${p.term}** mean?`,
	recallHint: 'Recall it first, then show the answer.',
	showAnswer: 'Show answer',
	rateHint: 'How well did you remember it?',
	/** Again, Hard, Good, Easy: ratings 1 to 4. */
	ratings: ['Again', 'Hard', 'Good', 'Easy'] as readonly string[],
	correct: (p: { answer: string }) => `✅ Correct: ${p.answer}.`,
	wrong: (p: { chosen: string; answer: string }) => `❌ You answered ${p.chosen}; the answer is ${p.answer}.`,
	rated: (p: { rating: string }) => `You rated it **${p.rating}**.`,
	comesBack: (p: { when: string; at: string }) => `🔁 Comes back ${p.when} (${p.at}).`,
	moreDue: (p: { count: number }) => (p.count === 1 ? '1 more review is due.' : `${p.count} more reviews are due.`),
	allDone: '🎉 That was the last review due for now.',
	next: 'Next',
	nothingDue: (p: { when: string; at: string }) =>
		`Nothing to review right now. Your next review is due ${p.when} (${p.at}).`,
	noCards:
		'You have no review cards yet. Every answer to the daily question or to `/quiz` makes one, and the concepts you miss come back here.',
	footer: 'Only you see this. Reviews change your own schedule, never the leaderboard.',
	reminderTurnedOff:
		'⚠️ Your review reminder turned itself off: I could not send you a direct message on 3 days in a row. Allow direct messages from members of this server, then run `/review remind:on`.',
	reminderOn: (p: { time: string; zone: string }) =>
		`🔔 Reminder on. On days when reviews are due I will send you one direct message, after ${p.time} (${p.zone}). Direct messages from members of this server must be allowed.`,
	reminderOff: '🔕 Reminder off.',
	reminderDm: (p: { count: number; link: string }) =>
		`📚 ${p.count === 1 ? '1 review is' : `${p.count} reviews are`} due. Run \`/review\` in the server: ${p.link}\n-# Turn this reminder off with \`/review remind:off\`.`,
	refusedNotPending:
		'This review is over: it was answered already, or a newer `/review` replaced it. Run `/review` for the next one.',
	refusedOutdated: 'This question changed in the notes. Run `/review` again.',
	refusedInvalid: 'This button does not belong to this review question.',
	staleButton: 'This button is from an older version of the bot. Run `/review` again.',
	relative: (p: { ms: number }) => relativeTime('en-US', p.ms, 'now'),
	/** Feedback to a daily or practice answer: the concept is in the member's review queue. */
	queued: (p: { when: string }) => `🔁 In your review queue: \`/review\` asks about it again ${p.when}.`,
	statsName: '🔁 Reviews',
	statsDue: (p: { due: number; cards: number }) =>
		`**Due now:** ${p.due} of ${p.cards} ${p.cards === 1 ? 'card' : 'cards'}`,
	statsNext: (p: { when: string }) => `**Next due:** ${p.when}`,
	statsRetention: (p: { percent: number; recalled: number; reviewed: number }) =>
		`**Retention (30 days):** ${p.percent}% (${p.recalled}/${p.reviewed} recalled)`,
	statsNoRetention: '**Retention (30 days):** no reviews yet',
	statsReminder: (p: { on: boolean }) => `**Reminder:** ${p.on ? 'on' : 'off'}`,
	statsEmpty: 'No review cards yet.',
};

export const ko: typeof en = {
	commandDescription: '복습할 차례인 개념을 한 문제씩 (나만 보기)',
	remindOptionDescription: '복습할 카드가 있으면 하루 한 번 DM으로 알림',
	remindChoiceOn: '켜기',
	remindChoiceOff: '끄기',
	title: (p) => `🔁 복습 · ${p.topic}`,
	dueCount: (p) => `${p.due}개 남음`,
	recallMeaning: (p) => `**${p.term}**의 뜻은 무엇인가요?`,
	recallHint: '먼저 떠올려 본 다음 답을 확인하세요.',
	showAnswer: '답 보기',
	rateHint: '얼마나 잘 기억했나요?',
	ratings: ['다시', '어려움', '알맞음', '쉬움'],
	correct: (p) => `✅ 정답: ${p.answer}`,
	wrong: (p) => `❌ 고른 답: ${p.chosen} · 정답: ${p.answer}`,
	rated: (p) => `평가: **${p.rating}**`,
	comesBack: (p) => `🔁 ${p.when} 다시 나옵니다 (${p.at}).`,
	moreDue: (p) => `복습할 카드가 ${p.count}개 더 있습니다.`,
	allDone: '🎉 지금 복습할 카드를 모두 끝냈습니다.',
	next: '다음',
	nothingDue: (p) => `지금은 복습할 카드가 없습니다. 다음 복습은 ${p.when}입니다 (${p.at}).`,
	noCards:
		'아직 복습 카드가 없습니다. 오늘의 문제나 `/quiz`에 답할 때마다 카드가 생기고, 틀린 개념은 여기서 다시 나옵니다.',
	footer: '나만 보는 메시지입니다. 복습은 내 일정만 바꾸고 순위에는 반영되지 않습니다.',
	reminderTurnedOff:
		'⚠️ 복습 알림이 꺼졌습니다: 3일 연속으로 DM을 보낼 수 없었습니다. 이 서버 멤버의 DM을 허용한 다음 `/review remind:on`을 실행하세요.',
	reminderOn: (p) =>
		`🔔 알림을 켰습니다. 복습할 카드가 있는 날 ${p.time}(${p.zone}) 이후에 DM을 한 번 보냅니다. 이 서버 멤버의 DM이 허용되어 있어야 합니다.`,
	reminderOff: '🔕 알림을 껐습니다.',
	reminderDm: (p) =>
		`📚 복습할 카드가 ${p.count}개 있습니다. 서버에서 \`/review\`를 실행하세요: ${p.link}\n-# 알림을 끄려면 \`/review remind:off\``,
	refusedNotPending:
		'이미 끝난 복습입니다: 이미 답했거나 새 `/review`가 이 문제를 대신했습니다. 다음 문제는 `/review`로 받으세요.',
	refusedOutdated: '노트가 바뀌어 이 문제가 달라졌습니다. `/review`를 다시 실행하세요.',
	refusedInvalid: '이 버튼은 이 복습 문제의 것이 아닙니다.',
	staleButton: '이전 버전의 버튼입니다. `/review`를 다시 실행하세요.',
	relative: (p) => relativeTime('ko-KR', p.ms, '지금'),
	queued: (p) => `🔁 복습 목록에 넣었습니다: ${p.when} \`/review\`에서 다시 나옵니다.`,
	statsName: '🔁 복습',
	statsDue: (p) => `**지금 복습할 카드:** ${p.cards}개 중 ${p.due}개`,
	statsNext: (p) => `**다음 복습:** ${p.when}`,
	statsRetention: (p) => `**기억률 (30일):** ${p.percent}% (${p.reviewed}번 중 ${p.recalled}번 기억)`,
	statsNoRetention: '**기억률 (30일):** 아직 복습 기록 없음',
	statsReminder: (p) => `**알림:** ${p.on ? '켜짐' : '꺼짐'}`,
	statsEmpty: '아직 복습 카드가 없습니다.',
};
