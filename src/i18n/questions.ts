/**
 * The wording of generated questions: what a stem asks, and the lines of an explanation that are not note text.
 * Questions are made and stored in English (`src/quiz/generate.ts`) and shown in the reader's language
 * (`src/quiz/wording.ts`). Names arrive escaped for Markdown; `subjects` is a list of names already in bold.
 */
export const en = {
	term: 'Which term matches this description?',
	termFrom: (p: { context: string }) => `Which term matches this description from *${p.context}*?`,
	definition: (p: { term: string }) => `Which description fits **${p.term}**?`,
	acronym: (p: { short: string }) => `What does **${p.short}** stand for?`,
	expansion: (p: { expansion: string }) => `Which acronym stands for **${p.expansion}**?`,
	appliesTo: (p: { subject: string }) => `Which of these applies to **${p.subject}**?`,
	trueOrFalse: (p: { subject: string }) => `True or false? About **${p.subject}**:`,
	/** The start of an acronym's explanation; the concept's definition may follow on the same line. */
	standsFor: (p: { short: string; expansion: string }) => `**${p.short}** stands for **${p.expansion}**.`,
	otherOptions: (p: { subjects: string }) => `The other options are about ${p.subjects}.`,
	isTrue: (p: { subject: string }) => `True: the notes say this of **${p.subject}**.`,
	isFalse: (p: { owner: string; subject: string }) =>
		`False: the notes say this of **${p.owner}**, not of **${p.subject}**.`,
};

export const ko: typeof en = {
	term: '다음 설명에 맞는 용어는 무엇인가요?',
	termFrom: (p) => `*${p.context}*에 나오는 다음 설명에 맞는 용어는 무엇인가요?`,
	definition: (p) => `**${p.term}**에 맞는 설명은 무엇인가요?`,
	acronym: (p) => `**${p.short}**의 전체 이름은 무엇인가요?`,
	expansion: (p) => `**${p.expansion}**의 약어는 무엇인가요?`,
	appliesTo: (p) => `다음 중 **${p.subject}**에 해당하는 것은 무엇인가요?`,
	trueOrFalse: (p) => `참일까요, 거짓일까요? **${p.subject}**에 대한 설명:`,
	standsFor: (p) => `**${p.short}**의 전체 이름은 **${p.expansion}**입니다.`,
	otherOptions: (p) => `다른 선택지는 ${p.subjects}에 관한 것입니다.`,
	isTrue: (p) => `참: 노트에서 **${p.subject}**에 대해 하는 말입니다.`,
	isFalse: (p) => `거짓: 노트에서 이 말은 **${p.owner}**에 대한 것이고, **${p.subject}**에 대한 것이 아닙니다.`,
};
