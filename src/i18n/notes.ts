import { numberIn } from './format.ts';

const enNumber = numberIn('en');
const koNumber = numberIn('ko');

/**
 * `/notes status`. `when` is a Discord timestamp, which each reader's client shows in their own language and zone;
 * warnings and failure reasons are the notes loader's own diagnostics and are shown as they are.
 */
export const en = {
	built: (p: { when: string }) => `**Notes** built ${p.when}`,
	counts: (p: { files: number; concepts: number; questions: number }) =>
		`Files: ${enNumber(p.files)} · concepts: ${enNumber(p.concepts)} · questions: ${enNumber(p.questions)}`,
	noWarnings: 'Warnings: none',
	warnings: (p: { count: number }) => `Warnings: ${enNumber(p.count)}`,
	moreWarnings: (p: { count: number }) => `…and ${enNumber(p.count)} more`,
	lastFailure: (p: { when: string; reason: string }) =>
		`Last failed rebuild: ${p.when}, kept the notes read before: ${p.reason}`,
	manageServerOnly: 'Only members with the Manage Server permission can see the notes status.',
};

export const ko: typeof en = {
	built: (p) => `**노트** 읽은 시각 ${p.when}`,
	counts: (p) => `파일 ${koNumber(p.files)}개 · 개념 ${koNumber(p.concepts)}개 · 문제 ${koNumber(p.questions)}개`,
	noWarnings: '경고: 없음',
	warnings: (p) => `경고: ${koNumber(p.count)}개`,
	moreWarnings: (p) => `…외 ${koNumber(p.count)}개`,
	lastFailure: (p) => `마지막 다시 읽기 실패: ${p.when}, 이전에 읽은 노트를 계속 씁니다: ${p.reason}`,
	manageServerOnly: '서버 관리 권한이 있는 멤버만 노트 상태를 볼 수 있습니다.',
};
