import { BadInput } from '../../nodes/shared/badInput';
import { toChatMessage, toMessageList, withSystemMessage } from '../../nodes/SegmindGpt45/actions/chat/conversation';
import { readPath } from '../../nodes/shared/itemPath';

const badInput = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(BadInput);
		return (error as Error).message;
	}
	throw new Error('expected bad input, and nothing was thrown');
};

describe('toChatMessage', () => {
	test.each(['user', 'assistant', 'system'])('accepts the role %s', (role) => {
		expect(toChatMessage(role, 'text', 'role', 'content')).toEqual({ role, content: 'text' });
	});

	test.each([
		['an unknown role', 'bot', '"bot"'],
		['a role in capitals', 'User', '"User"'],
		['a missing role', undefined, 'undefined'],
		['a null role', null, 'null'],
		['a number', 3, '3'],
	])('refuses %s, naming the field', (_name, role, shown) => {
		const message = badInput(() => toChatMessage(role, 'text', 'messages[1].role', 'messages[1].content'));
		expect(message).toMatch(/^messages\[1\]\.role must be user, assistant or system/);
		expect(message).toContain(shown);
	});

	test.each([
		['empty', ''],
		['blank', '  \n\t'],
	])('refuses %s content, naming the field', (_name, content) => {
		expect(badInput(() => toChatMessage('user', content, 'r', 'messages[0].content'))).toMatch(
			/^messages\[0\]\.content is empty/,
		);
	});

	test.each([
		['a number', 42],
		['an object', { text: 'x' }],
		['an array', ['x']],
		['null', null],
		['undefined', undefined],
	])('refuses non-string content (%s), naming the field', (_name, content) => {
		expect(badInput(() => toChatMessage('user', content, 'r', 'text'))).toMatch(/^text must be text/);
	});

	test('content is kept exactly, spaces included', () => {
		expect(toChatMessage('user', '  hi  ', 'r', 'c').content).toBe('  hi  ');
	});
});

describe('toMessageList', () => {
	const list = [
		{ role: 'system', content: 'Be brief' },
		{ role: 'user', content: 'Hi' },
	];

	test('an array of {role, content} is taken as it is', () => {
		expect(toMessageList(list, 'messagesField')).toEqual(list);
	});

	test('a JSON string of one is accepted', () => {
		expect(toMessageList(JSON.stringify(list), 'messagesField')).toEqual(list);
	});

	test('extra keys on an entry are not sent', () => {
		expect(toMessageList([{ role: 'user', content: 'Hi', name: 'x' }], 'messages')).toEqual([
			{ role: 'user', content: 'Hi' },
		]);
	});

	test.each([
		['an object', { role: 'user', content: 'Hi' }, 'an object'],
		['a number', 5, 'number 5'],
		['null', null, 'null'],
		['a JSON string of an object', '{"role":"user"}', 'an object'],
		['text that is not JSON', 'hello there', 'not JSON'],
	])('refuses %s that is not an array, naming messagesField', (_name, value, shown) => {
		const message = badInput(() => toMessageList(value, 'messagesField'));
		expect(message).toMatch(/^messagesField must be an array of \{role, content\} messages/);
		expect(message).toContain(shown);
	});

	test.each([
		['a string', 'hi', '"hi"'],
		['null', null, 'null'],
		['an array', ['user', 'hi'], 'an array'],
		['a number', 1, 'number 1'],
	])('refuses an entry that is %s, naming its index', (_name, entry, shown) => {
		const message = badInput(() => toMessageList([{ role: 'user', content: 'ok' }, entry], 'messagesField'));
		expect(message).toMatch(/^messagesField\[1\] must be a \{role, content\} object/);
		expect(message).toContain(shown);
	});

	test('names messagesField[1].role for a bad role in the second entry', () => {
		const value = [
			{ role: 'user', content: 'ok' },
			{ role: 'robot', content: 'ok' },
		];
		expect(badInput(() => toMessageList(value, 'messagesField'))).toMatch(
			/^messagesField\[1\]\.role must be user, assistant or system, not "robot"/,
		);
	});

	test('names messages[0].content in define mode', () => {
		expect(badInput(() => toMessageList([{ role: 'user', content: '' }], 'messages'))).toMatch(
			/^messages\[0\]\.content is empty/,
		);
	});

	test('an empty array is a list (emptiness is checked with the system message)', () => {
		expect(toMessageList([], 'messagesField')).toEqual([]);
	});
});

describe('readPath', () => {
	const json = { role: 'user', message: { text: 'deep', meta: { n: 0 } }, empty: null };

	test.each([
		['role', 'user'],
		['message.text', 'deep'],
		['message.meta.n', 0],
		['missing', undefined],
		['message.missing', undefined],
		['role.length', undefined],
		['empty.text', undefined],
	])('%s is %p', (path, value) => {
		expect(readPath(json, path)).toEqual(value);
	});
});

describe('withSystemMessage', () => {
	const messages = [{ role: 'user' as const, content: 'Hi' }];

	test('prepends the system message', () => {
		expect(withSystemMessage(messages, 'Answer in French', 'messages')).toEqual([
			{ role: 'system', content: 'Answer in French' },
			{ role: 'user', content: 'Hi' },
		]);
	});

	test.each(['', '   '])('adds nothing for an empty system message (%p)', (systemMessage) => {
		expect(withSystemMessage(messages, systemMessage, 'messages')).toEqual(messages);
	});

	test('an empty conversation is bad input naming the list', () => {
		expect(badInput(() => withSystemMessage([], '', 'messagesField'))).toMatch(/^messagesField is empty/);
	});

	test('a system message alone is a conversation', () => {
		expect(withSystemMessage([], 'Only this', 'messages')).toEqual([
			{ role: 'system', content: 'Only this' },
		]);
	});
});
