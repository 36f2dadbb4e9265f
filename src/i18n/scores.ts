import { numberIn } from './format.ts';

const enNumber = numberIn('en');
const koNumber = numberIn('ko');

/** `/leaderboard` and `/stats`. `member` is a user mention; `points` is a text made by `points`. */
export const en = {
	points: (p: { points: number }) => `${enNumber(p.points)} ${p.points === 1 ? 'point' : 'points'}`,
	periods: { week: 'this week', month: 'this month', all: 'all time' },
	leaderboardTitle: (p: { period: string }) => `🏆 Leaderboard — ${p.period}`,
	standing: (p: { rank: number; member: string; points: string }) =>
		`**${enNumber(p.rank)}.** ${p.member} — ${p.points}`,
	/** The viewer's own line on the board. */
	ownStanding: (p: { line: string }) => `${p.line} ← you`,
	emptyBoard: 'Nobody has points in this period yet. Answer the daily question to get on the board.',
	viewerWithout: 'You have no points in this period yet.',
	viewer: (p: { rank: number; total: number; points: string }) =>
		`You: **#${enNumber(p.rank)}** of ${enNumber(p.total)} with ${p.points}.`,
	/** `label` names the period concretely, e.g. `2026-W49 (Asia/Seoul)`. */
	boardFooter: (p: { label: string; page: number; pages: number }) =>
		`${p.label} · page ${enNumber(p.page)} of ${enNumber(p.pages)}`,
	previous: '◀ Previous',
	next: 'Next ▶',
	noAnswersSelf: 'You have not answered a daily question here yet. The next one is coming!',
	noAnswersOther: 'No daily answers here yet.',
	noWeakTopics: 'None yet: every topic answered right.',
	weakTopic: (p: { topic: string; correct: number; answered: number }) =>
		`${p.topic} — ${enNumber(p.correct)}/${enNumber(p.answered)}`,
	fieldPoints: 'Points',
	fieldRank: 'Rank',
	fieldAnswered: 'Answered',
	fieldAccuracy: 'Accuracy',
	fieldStreak: 'Streak',
	fieldWeakest: 'Weakest topics',
	rank: (p: { rank: number; ranked: number }) => `#${enNumber(p.rank)} of ${enNumber(p.ranked)}`,
	unranked: '—',
	answered: (p: { answered: number }) => enNumber(p.answered),
	accuracy: (p: { percent: number; correct: number; answered: number }) =>
		`${p.percent}% (${enNumber(p.correct)}/${enNumber(p.answered)})`,
	streak: (p: { streak: number; best: number }) => `${enNumber(p.streak)} (best ${enNumber(p.best)})`,
	statsFooter: 'Daily questions only; practice with /quiz does not count.',
};

export const ko: typeof en = {
	points: (p) => `${koNumber(p.points)}점`,
	periods: { week: '이번 주', month: '이번 달', all: '전체 기간' },
	leaderboardTitle: (p) => `🏆 순위 — ${p.period}`,
	standing: (p) => `**${koNumber(p.rank)}위** ${p.member} — ${p.points}`,
	ownStanding: (p) => `${p.line} ← 나`,
	emptyBoard: '이 기간에는 아직 점수를 받은 멤버가 없습니다. 오늘의 문제에 답하고 순위에 올라 보세요.',
	viewerWithout: '이 기간에 아직 점수가 없습니다.',
	viewer: (p) => `나: ${koNumber(p.total)}명 중 **${koNumber(p.rank)}위**, ${p.points}.`,
	boardFooter: (p) => `${p.label} · ${koNumber(p.page)}/${koNumber(p.pages)}쪽`,
	previous: '◀ 이전',
	next: '다음 ▶',
	noAnswersSelf: '이 서버에서 아직 오늘의 문제에 답한 적이 없습니다. 다음 문제를 기다려 주세요!',
	noAnswersOther: '이 서버에서 아직 오늘의 문제에 답한 기록이 없습니다.',
	noWeakTopics: '아직 없습니다. 모든 주제를 맞혔습니다.',
	weakTopic: (p) => `${p.topic} — ${koNumber(p.answered)}문제 중 ${koNumber(p.correct)}개 정답`,
	fieldPoints: '점수',
	fieldRank: '순위',
	fieldAnswered: '푼 문제',
	fieldAccuracy: '정답률',
	fieldStreak: '연속 정답',
	fieldWeakest: '약한 주제',
	rank: (p) => `${koNumber(p.ranked)}명 중 ${koNumber(p.rank)}위`,
	unranked: '순위 없음',
	answered: (p) => `${koNumber(p.answered)}문제`,
	accuracy: (p) => `${p.percent}% (${koNumber(p.answered)}문제 중 ${koNumber(p.correct)}개)`,
	streak: (p) => `${koNumber(p.streak)}회 (최고 ${koNumber(p.best)}회)`,
	statsFooter: '오늘의 문제만 집계합니다. `/quiz` 연습은 포함되지 않습니다.',
};
