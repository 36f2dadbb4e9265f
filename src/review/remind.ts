import { type APIChannel, DiscordAPIError, type REST, Routes } from 'discord.js';
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import { messagesIn } from '../i18n/messages.ts';
import { forEachLimited } from '../limit.ts';
import type { QuestionPool } from '../quiz/generate.ts';
import type { GroupCommitter } from '../store/commit.ts';
import type { Clock } from '../time/clock.ts';
import type { Scheduler } from '../time/scheduler.ts';
import { formatLocalTime, localDateOf, localTimeOf } from '../time/zone.ts';
import { renderReminderDm } from './render.ts';
import { dueCount, ReviewStore } from './store.ts';

/** The reminder job's name in the Scheduler. */
export const REMIND_JOB = 'review:remind';
/** Every 15 minutes, read in UTC: each server's local time is worked out per sweep. */
export const REMIND_CRON = '*/15 * * * *';
/** Reminders go out from this local time on, in the server's zone; `HH:MM`, as `formatLocalTime` writes it. */
export const REMIND_LOCAL_TIME = '18:00';
/** After this many days in a row with the member's DMs closed, the reminder turns itself off. */
export const CLOSED_DM_DAYS_LIMIT = 3;
/** Members of one server reminded at once. */
export const REMIND_CONCURRENCY = 4;
/** Discord's "Cannot send messages to this user": the member closed DMs from server members, or blocked the bot. */
const CANNOT_MESSAGE_USER = 50007;

export interface ReminderDeps {
	readonly store: Keyv;
	readonly committer: GroupCommitter;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly rest: REST;
	readonly scheduler: Scheduler;
	/** Whether this process handles the server (all of them unless the bot is sharded). */
	readonly owns: (guildId: string) => boolean;
	/** The server's IANA zone (`DailyService.zone`). */
	readonly zoneOf: (guildId: string) => Promise<string>;
	/** The questions the notes give now: only cards `/review` can serve count as due. */
	readonly questions: () => QuestionPool;
}

/** What one sweep did, for logs and tests. */
export interface SweepReport {
	sent: number;
	closedDms: number;
	failed: number;
}

/**
 * The opt-in daily reminder: once a day at most, from `REMIND_LOCAL_TIME` in the server's zone, a direct message to
 * each member with the reminder on who has reviews due, in the language they turned it on in.
 *
 * A member's local date is claimed (stored as `lastSentDate`) before the message is sent, so two sweeps never send it
 * twice; a crash between the claim and the send costs that day's reminder, never a second one. When Discord refuses
 * because the member's DMs are closed, the day stays claimed (no retry until tomorrow) and the days are counted;
 * after `CLOSED_DM_DAYS_LIMIT` in a row the reminder turns itself off and `/review` tells the member once. Any other
 * failure gives the day back, so the next sweep tries again.
 */
export class ReminderService {
	readonly #deps: ReminderDeps;
	readonly #review: ReviewStore;

	constructor(deps: ReminderDeps) {
		this.#deps = deps;
		this.#review = new ReviewStore(deps.store, deps.committer);
	}

	/** Schedules the sweep every 15 minutes and runs one now. */
	async start(): Promise<void> {
		this.#deps.scheduler.every(REMIND_JOB, REMIND_CRON, 'UTC', async () => {
			await this.sweep();
		});
		await this.sweep();
	}

	stop(): void {
		this.#deps.scheduler.cancel(REMIND_JOB);
	}

	/** Reminds every due member of every server this process owns; one server's failure does not stop the others. */
	async sweep(): Promise<SweepReport> {
		const report: SweepReport = { sent: 0, closedDms: 0, failed: 0 };
		for (const guildId of await this.#review.reminderGuilds()) {
			if (!this.#deps.owns(guildId)) continue;
			await this.#sweepGuild(guildId, report).catch((error: unknown) => {
				report.failed++;
				this.#deps.logger.error({ err: error, guildId }, 'review: reminder sweep failed for a server');
			});
		}
		return report;
	}

	async #sweepGuild(guildId: string, report: SweepReport): Promise<void> {
		const zone = await this.#deps.zoneOf(guildId);
		const now = this.#deps.clock.now();
		if (formatLocalTime(localTimeOf(now, zone)) < REMIND_LOCAL_TIME) return;
		const today = localDateOf(now, zone);
		const pool = this.#deps.questions();
		const members = await this.#review.reminderMembers(guildId);
		const failures = await forEachLimited(members, REMIND_CONCURRENCY, (userId) =>
			this.#remind(guildId, userId, { now, today, pool }, report),
		);
		for (const { item: userId, error } of failures) {
			report.failed++;
			this.#deps.logger.error({ err: error, guildId, userId }, 'review: reminder failed');
		}
	}

	async #remind(
		guildId: string,
		userId: string,
		at: { now: Date; today: string; pool: QuestionPool },
		report: SweepReport,
	): Promise<void> {
		const claim: { value: { due: number; previous: string | null } | null } = { value: null };
		const settings = await this.#review.updateReminder(guildId, userId, (remind, study) => {
			if (!remind.on || remind.lastSentDate === at.today) return false;
			const due = dueCount(study, at.now, at.pool);
			if (due === 0) return false;
			claim.value = { due, previous: remind.lastSentDate };
			remind.lastSentDate = at.today;
			return true;
		});
		if (settings === undefined || !settings.on) {
			// The index still named a member whose record is gone or whose reminder is off.
			await this.#review.unindexReminder(guildId, userId);
			return;
		}
		const claimed = claim.value;
		if (claimed === null) return;
		const t = messagesIn(settings.lang);
		try {
			await this.#sendDm(userId, renderReminderDm(claimed.due, guildId, t));
		} catch (error) {
			if (error instanceof DiscordAPIError && error.code === CANNOT_MESSAGE_USER) {
				report.closedDms++;
				await this.#closedDms(guildId, userId, at.today);
				return;
			}
			await this.#review.updateReminder(guildId, userId, (remind) => {
				if (remind.lastSentDate !== at.today) return false;
				remind.lastSentDate = claimed.previous;
				return true;
			});
			report.failed++;
			this.#deps.logger.warn({ err: error, guildId, userId }, 'review: reminder not sent, will retry');
			return;
		}
		await this.#review.updateReminder(guildId, userId, (remind) => {
			if (remind.closedDmDays === 0) return false;
			remind.closedDmDays = 0;
			return true;
		});
		report.sent++;
		this.#deps.logger.info({ guildId, userId, due: claimed.due }, 'review: reminder sent');
	}

	async #closedDms(guildId: string, userId: string, today: string): Promise<void> {
		const after = await this.#review.updateReminder(guildId, userId, (remind) => {
			remind.closedDmDays += 1;
			if (remind.closedDmDays >= CLOSED_DM_DAYS_LIMIT) {
				remind.on = false;
				remind.turnedOff = true;
			}
			return true;
		});
		if (after !== undefined && !after.on) {
			await this.#review.unindexReminder(guildId, userId);
			this.#deps.logger.warn(
				{ guildId, userId, days: after.closedDmDays },
				'review: reminder turned off, the member’s DMs stayed closed',
			);
		} else {
			this.#deps.logger.info(
				{ guildId, userId, days: after?.closedDmDays, date: today },
				'review: reminder not delivered, DMs closed',
			);
		}
	}

	async #sendDm(userId: string, content: string): Promise<void> {
		const channel = (await this.#deps.rest.post(Routes.userChannels(), {
			body: { recipient_id: userId },
		})) as APIChannel;
		await this.#deps.rest.post(Routes.channelMessages(channel.id), {
			body: { content, allowed_mentions: { parse: [] } },
		});
	}
}
