/**
 * Questions as members see them (options, verdicts) and `/quiz` practice. Options are shown as given (`**B.** text`);
 * true/false options are stored as `True`/`False` and shown with `optionTrue`/`optionFalse`.
 */
export const en = {
	optionTrue: 'True',
	optionFalse: 'False',
	practiceTitle: (p: { topic: string }) => `Practice · ${p.topic}`,
	practiceFooter: 'Practice answers never change the leaderboard.',
	correct: (p: { answer: string }) => `✅ Correct: ${p.answer}.`,
	wrong: (p: { chosen: string; answer: string }) => `❌ You answered ${p.chosen}; the answer is ${p.answer}.`,
	nextQuestion: 'Next question',
	/** `hint` lists up to five topics, comma-separated. */
	unknownTopic: (p: { typed: string; hint: string }) => `No topic "${p.typed}" in the notes. Try one of: ${p.hint}.`,
	noQuestions: 'The notes give no questions yet.',
	topicWithoutQuestions: (p: { topic: string }) => `The topic "${p.topic}" gives no questions.`,
	outdated: 'This practice question is out of date (the notes changed). Run `/quiz` again.',
	notAnOption: 'This button is not an option of the question.',
};

export const ko: typeof en = {
	optionTrue: '참',
	optionFalse: '거짓',
	practiceTitle: (p) => `연습 · ${p.topic}`,
	practiceFooter: '연습 문제의 답은 순위에 반영되지 않습니다.',
	correct: (p) => `✅ 정답: ${p.answer}.`,
	wrong: (p) => `❌ 고른 답: ${p.chosen} · 정답: ${p.answer}.`,
	nextQuestion: '다음 문제',
	unknownTopic: (p) => `노트에 "${p.typed}" 주제가 없습니다. 이 중에서 골라 보세요: ${p.hint}.`,
	noQuestions: '노트에서 아직 문제를 만들 수 없습니다.',
	topicWithoutQuestions: (p) => `"${p.topic}" 주제로는 문제를 만들 수 없습니다.`,
	outdated: '노트가 바뀌어 이 연습 문제는 더 이상 쓸 수 없습니다. `/quiz`를 다시 실행해 주세요.',
	notAnOption: '이 버튼은 문제의 선택지가 아닙니다.',
};
