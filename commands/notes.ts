import {
	type ChatInputCommandInteraction,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	SlashCommandBuilder,
} from 'discord.js';
import type { Context } from '../src/context.ts';
import { requireManageGuild } from '../src/discord/guard.ts';
import { LIMITS, neutraliseMentions, truncate } from '../src/discord/text.ts';
import { type Messages, messagesFor } from '../src/i18n/messages.ts';
import type { LiveLibrary } from '../src/notes/live.ts';

export const data = new SlashCommandBuilder()
	.setName('notes')
	.setDescription('The study notes the bot reads (Manage Server)')
	.setDescriptionLocalizations({ ko: '봇이 읽는 노트 (서버 관리 권한)' })
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.setContexts(InteractionContextType.Guild)
	.addSubcommand((sub) =>
		sub
			.setName('status')
			.setDescription('Files, concepts, questions, warnings and when the notes were last read')
			.setDescriptionLocalizations({ ko: '파일, 개념, 문제, 경고와 마지막으로 읽은 시각' }),
	);

/** Warnings listed in the reply; the rest are counted. */
const WARNINGS_SHOWN = 5;
/** Each listed warning is cut to this many characters, so the reply stays far below Discord's limit. */
const WARNING_CHARS = 200;

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	requireManageGuild(interaction, (t) => t.notes.manageServerOnly);
	await interaction.reply({
		content: renderNotesStatus(ctx.notes, messagesFor(interaction.locale)),
		flags: MessageFlags.Ephemeral,
	});
}

/** Discord shows `<t:…>` in the reader's own time zone and language. */
function timestamp(date: Date): string {
	const seconds = Math.floor(date.getTime() / 1000);
	return `<t:${seconds}:f> (<t:${seconds}:R>)`;
}

/** The reply to `/notes status`; warnings and failures are the loader's own diagnostics, shown as they are. */
function renderNotesStatus(notes: LiveLibrary, t: Messages): string {
	const library = notes.current();
	const lines = [
		t.notes.built({ when: timestamp(notes.builtAt) }),
		t.notes.counts({
			files: library.files.length,
			concepts: library.index.size,
			questions: library.questions.questions.length,
		}),
	];
	const { warnings } = library;
	if (warnings.length === 0) lines.push(t.notes.noWarnings);
	else {
		lines.push(t.notes.warnings({ count: warnings.length }));
		for (const warning of warnings.slice(0, WARNINGS_SHOWN))
			lines.push(`- ${truncate(warning.reason.replace(/^notes: /, ''), WARNING_CHARS)}`);
		if (warnings.length > WARNINGS_SHOWN)
			lines.push(`- ${t.notes.moreWarnings({ count: warnings.length - WARNINGS_SHOWN })}`);
	}
	const failure = notes.lastFailure;
	if (failure !== null)
		lines.push(t.notes.lastFailure({ when: timestamp(failure.at), reason: truncate(failure.reason, WARNING_CHARS) }));
	return truncate(neutraliseMentions(lines.join('\n')), LIMITS.content);
}
