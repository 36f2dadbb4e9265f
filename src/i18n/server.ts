/** `/stats server`: the whole server's daily-quiz answers. Numbers and dates arrive formatted for the language. */
export const en = {
	title: '📊 This server’s daily questions',
	empty: 'No daily question has been scored in this server yet. The statistics start when the first one closes.',
	scored: (p: { questions: string }) => `Daily questions scored so far: **${p.questions}**`,
	participationName: (p: { days: string }) => `Participation · last ${p.days} days`,
	participationRange: (p: { from: string; to: string }) => `${p.from} – ${p.to}`,
	participationTotals: (p: { answers: string; questions: string; percent: string }) =>
		`Answers: **${p.answers}** · questions: **${p.questions}** · correct: **${p.percent}%**`,
	participationBusiest: (p: { date: string; members: string }) => `Busiest day: ${p.date} (${p.members} answered)`,
	participationLegend: 'Bars: members who answered each day · ▁ nobody · `·` no question',
	participationQuiet: (p: { days: string }) => `No daily question in the last ${p.days} days.`,
	topicsName: 'Accuracy by topic',
	topicLine: (p: { topic: string; percent: string; correct: string; answered: string }) =>
		`${p.topic} — **${p.percent}%** (${p.correct}/${p.answered})`,
	topicsMore: (p: { count: string }) => `…and ${p.count} more`,
	topicsNone: 'Nobody has answered yet.',
	missedName: 'Most missed concepts',
	missedLine: (p: { rank: string; concept: string; topic: string; missed: string; answered: string }) =>
		`${p.rank}. ${p.concept} · ${p.topic} — missed ${p.missed} of ${p.answered}`,
	missedNone: 'Nothing missed yet: every answer was right.',
	footer: 'Daily questions only; /quiz practice does not count. The counts name no member.',
};

export const ko: typeof en = {
	title: '📊 이 서버의 오늘의 문제',
	empty: '이 서버에서 채점된 오늘의 문제가 아직 없습니다. 첫 문제가 마감되면 통계가 시작됩니다.',
	scored: (p) => `지금까지 채점된 오늘의 문제: **${p.questions}**개`,
	participationName: (p) => `참여 · 최근 ${p.days}일`,
	participationRange: (p) => `${p.from} – ${p.to}`,
	participationTotals: (p) => `답변 **${p.answers}**개 · 문제 **${p.questions}**개 · 정답률 **${p.percent}%**`,
	participationBusiest: (p) => `가장 많이 참여한 날: ${p.date} (${p.members}명 답변)`,
	participationLegend: '막대: 날마다 답한 멤버 수 · ▁ 아무도 없음 · `·` 문제 없음',
	participationQuiet: (p) => `최근 ${p.days}일 동안 오늘의 문제가 없었습니다.`,
	topicsName: '주제별 정답률',
	topicLine: (p) => `${p.topic} — **${p.percent}%** (${p.correct}/${p.answered})`,
	topicsMore: (p) => `…외 ${p.count}개`,
	topicsNone: '아직 아무도 답하지 않았습니다.',
	missedName: '가장 많이 틀린 개념',
	missedLine: (p) => `${p.rank}. ${p.concept} · ${p.topic} — ${p.answered}번 중 ${p.missed}번 틀림`,
	missedNone: '아직 틀린 답이 없습니다. 모두 정답이었습니다.',
	footer: '오늘의 문제만 집계하며 /quiz 연습은 포함되지 않습니다. 집계에는 멤버 이름이 남지 않습니다.',
};
