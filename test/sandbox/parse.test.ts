import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandList, completionRequest, type Directory, InputError, parseCommand } from './parse.ts';

function command(name: string, options: APIApplicationCommandOption[]): APIApplicationCommand {
	return {
		id: '1',
		type: ApplicationCommandType.ChatInput,
		application_id: '1',
		name,
		description: name,
		default_member_permissions: null,
		version: '1',
		options,
	};
}

const { String: Text, Channel, User, Integer, Boolean: Flag, Subcommand } = ApplicationCommandOptionType;

/** Shaped like the bot's commands: options, autocomplete and subcommands as they register them. */
const COMMANDS: APIApplicationCommand[] = [
	command('daily', [
		{
			type: Subcommand,
			name: 'setup',
			description: 'setup',
			options: [
				{ type: Channel, name: 'channel', description: 'c', required: true },
				{ type: Text, name: 'time', description: 't', required: true },
				{ type: Text, name: 'timezone', description: 'z', autocomplete: true },
			],
		},
		{ type: Subcommand, name: 'post', description: 'post' },
		{ type: Subcommand, name: 'off', description: 'off' },
	]),
	command('explain', [{ type: Text, name: 'concept', description: 'c', required: true, autocomplete: true }]),
	command('leaderboard', [
		{ type: Text, name: 'period', description: 'p', choices: [{ name: 'week', value: 'week' }] },
	]),
	command('stats', [
		{ type: Subcommand, name: 'member', description: 'm', options: [{ type: User, name: 'member', description: 'm' }] },
		{ type: Subcommand, name: 'server', description: 's' },
	]),
	command('review', [
		{
			type: Text,
			name: 'remind',
			description: 'r',
			choices: [
				{ name: 'on', value: 'on' },
				{ name: 'off', value: 'off' },
			],
		},
	]),
	command('quiz', [{ type: Text, name: 'topic', description: 't', autocomplete: true }]),
	command('drill', [
		{ type: Integer, name: 'count', description: 'n' },
		{ type: Flag, name: 'hard', description: 'h' },
	]),
];

const DIRECTORY: Directory = {
	channels: new Map([
		['study', '2001'],
		['general', '2002'],
	]),
	users: new Map([
		['student', '1001'],
		['classmate', '1002'],
	]),
};

const parse = (line: string) => parseCommand(COMMANDS, line, DIRECTORY);

describe('sandbox parseCommand', () => {
	it('maps a subcommand with name:value pairs to the fake’s subcommand, channels named by name', () => {
		expect(parse('/daily setup channel:study time:09:00')).toEqual({
			name: 'daily',
			subcommand: 'setup',
			options: { channel: '2001', time: '09:00' },
		});
		expect(parse('/daily setup channel:#general time:21:30 timezone:America/New_York')).toEqual({
			name: 'daily',
			subcommand: 'setup',
			options: { channel: '2002', time: '21:30', timezone: 'America/New_York' },
		});
		expect(parse('/daily post')).toEqual({ name: 'daily', subcommand: 'post', options: {} });
		expect(parse('/stats server')).toEqual({ name: 'stats', subcommand: 'server', options: {} });
		expect(parse('/stats member')).toEqual({ name: 'stats', subcommand: 'member', options: {} });
		expect(parse('/review remind:on')).toEqual({ name: 'review', options: { remind: 'on' } });
		expect(parse('/review')).toEqual({ name: 'review', options: {} });
	});

	it('fills the first option with the rest of the line when it is not all pairs', () => {
		expect(parse('/explain 파일 경로: 보안 모듈')).toEqual({
			name: 'explain',
			options: { concept: '파일 경로: 보안 모듈' },
		});
		expect(parse('/stats member classmate')).toEqual({
			name: 'stats',
			subcommand: 'member',
			options: { member: '1002' },
		});
		expect(parse('/leaderboard week')).toEqual({ name: 'leaderboard', options: { period: 'week' } });
		expect(parse('/quiz')).toEqual({ name: 'quiz', options: {} });
	});

	it('takes pair values with spaces, users by username or @username, and leaves unknown names as typed', () => {
		expect(parse('/quiz topic:가상 머신과 도커 컨테이너')).toEqual({
			name: 'quiz',
			options: { topic: '가상 머신과 도커 컨테이너' },
		});
		expect(parse('/stats member member:@student')).toEqual({
			name: 'stats',
			subcommand: 'member',
			options: { member: '1001' },
		});
		expect(parse('/stats member member:nobody')).toEqual({
			name: 'stats',
			subcommand: 'member',
			options: { member: 'nobody' },
		});
		expect(parse('/daily setup channel:nowhere time:9')).toEqual({
			name: 'daily',
			subcommand: 'setup',
			options: { channel: 'nowhere', time: '9' },
		});
	});

	it('gives numbers and booleans their types, and leaves other text for the fake to refuse', () => {
		expect(parse('/drill count:3 hard:true')).toEqual({ name: 'drill', options: { count: 3, hard: true } });
		expect(parse('/drill count:three hard:yes')).toEqual({ name: 'drill', options: { count: 'three', hard: 'yes' } });
	});

	it('explains a missing or unknown command or subcommand', () => {
		expect(() => parse('/daily')).toThrow(new InputError('/daily needs a subcommand: setup, post, off'));
		expect(() => parse('/daily start')).toThrow(
			new InputError('/daily has no subcommand "start"; it has setup, post, off'),
		);
		expect(() => parse('/nope x')).toThrow(
			new InputError('No command /nope. Commands: /daily /explain /leaderboard /stats /review /quiz /drill'),
		);
		expect(commandList(COMMANDS.slice(0, 2))).toBe('/daily /explain');
	});

	it('names the subcommand that has an option typed where the subcommand goes', () => {
		expect(() => parse('/stats member:minji')).toThrow(
			new InputError('/stats needs a subcommand first (member, server); did you mean /stats member member:minji?'),
		);
		expect(() => parse('/stats week:1')).toThrow(
			new InputError('/stats has no subcommand "week:1"; it has member, server'),
		);
	});
});

describe('sandbox completionRequest', () => {
	const complete = (line: string) => completionRequest(COMMANDS, line, DIRECTORY);

	it('completes the first option from the rest of the line, keeping the command as the prefix', () => {
		expect(complete('/explain ap')).toEqual({
			name: 'explain',
			options: {},
			option: 'concept',
			value: 'ap',
			prefix: '/explain ',
		});
		expect(complete('/quiz ')).toEqual({ name: 'quiz', options: {}, option: 'topic', value: '', prefix: '/quiz ' });
	});

	it('completes the last pair of a subcommand and sends the pairs before it', () => {
		expect(complete('/daily setup channel:study time:09:00 timezone:Europe/Be')).toEqual({
			name: 'daily',
			subcommand: 'setup',
			options: { channel: '2001', time: '09:00' },
			option: 'timezone',
			value: 'Europe/Be',
			prefix: '/daily setup channel:study time:09:00 timezone:',
		});
		expect(complete('/quiz topic:가상 머')).toEqual({
			name: 'quiz',
			options: {},
			option: 'topic',
			value: '가상 머',
			prefix: '/quiz topic:',
		});
	});

	it('is null where nothing autocompletes or the command is incomplete', () => {
		expect(complete('/daily setup channel:stu')).toBeNull();
		expect(complete('/stats member cla')).toBeNull();
		expect(complete('/review remind:o')).toBeNull();
		expect(complete('/daily ')).toBeNull();
		expect(complete('/nope x')).toBeNull();
	});
});
