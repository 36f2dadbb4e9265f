/** Words drawn into chart images, and the images' descriptions. */
export const en = {
	memberTitle: (p: { name: string; days: number }) => `${p.name} · last ${p.days} days`,
	accuracy: 'Accuracy (%)',
	reviews: 'Reviews',
	noActivity: 'No answers in this period yet',
	serverTitle: (p: { server: string }) => `${p.server} · accuracy by topic and week`,
	overall: 'Overall',
	participation: 'Answers per day, last 30 days',
	noTopics: 'No daily question scored yet',
	points: 'points',
	unknownMember: 'Unknown member',
};

export const ko: typeof en = {
	memberTitle: (p) => `${p.name} · 최근 ${p.days}일`,
	accuracy: '정답률 (%)',
	reviews: '복습',
	noActivity: '이 기간에는 아직 답이 없습니다',
	serverTitle: (p) => `${p.server} · 주제별 주간 정답률`,
	overall: '전체',
	participation: '일별 답 수, 최근 30일',
	noTopics: '아직 채점된 오늘의 문제가 없습니다',
	points: '점',
	unknownMember: '알 수 없는 멤버',
};
