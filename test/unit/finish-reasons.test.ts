// Each API format translates its own finish reasons into n8n's words (for n8n's AI nodes); the
// Segmind GPT-4.5 node outputs the provider's own value untranslated.
import type { FinishReason } from '@n8n/ai-node-sdk';

import { readFinishReason, readN8nFinishReason } from '../../nodes/shared/apiFormats';

/** An answer in each format's shape, finishing for the given reason. */
const ANSWERS = {
	openai: (reason: string) => ({ choices: [{ message: { role: 'assistant', content: 'Hi' }, finish_reason: reason }] }),
	anthropic: (reason: string) => ({ content: [{ type: 'text', text: 'Hi' }], stop_reason: reason }),
	gemini: (reason: string) => ({ candidates: [{ content: { parts: [{ text: 'Hi' }] }, finishReason: reason }] }),
};

const REASONS: Array<[keyof typeof ANSWERS, Array<[string, FinishReason]>]> = [
	[
		'openai',
		[
			['stop', 'stop'],
			['length', 'length'],
			['tool_calls', 'tool-calls'],
			['function_call', 'tool-calls'],
			['content_filter', 'content-filter'],
		],
	],
	[
		'anthropic',
		[
			['end_turn', 'stop'],
			['stop_sequence', 'stop'],
			['max_tokens', 'length'],
			['tool_use', 'tool-calls'],
		],
	],
	[
		'gemini',
		[
			['STOP', 'stop'],
			['MAX_TOKENS', 'length'],
			['SAFETY', 'content-filter'],
			['RECITATION', 'content-filter'],
		],
	],
];

describe.each(REASONS)('%s', (name, reasons) => {
	const answer = ANSWERS[name];
	const own = new Set(reasons.map(([reason]) => reason));

	test.each(reasons)("%s is n8n's %s, and the node's output keeps it as it is", (reason, n8nReason) => {
		expect(readN8nFinishReason(answer(reason))).toBe(n8nReason);
		expect(readFinishReason(answer(reason))).toBe(reason);
	});

	test.each(['something_new', 'constructor', '__proto__', 'toString'])("an unknown reason %s is n8n's other", (reason) => {
		expect(readN8nFinishReason(answer(reason))).toBe('other');
	});

	test("another format's reason in this shape is n8n's other: each format reads its own", () => {
		const foreign = REASONS.flatMap(([, list]) => list.map(([reason]) => reason)).filter((reason) => !own.has(reason));
		expect(foreign.length).toBeGreaterThan(0);
		for (const reason of foreign) expect(readN8nFinishReason(answer(reason))).toBe('other');
	});
});

test.each([
	['no body', undefined],
	['a text body', 'Hi'],
	['an answer without a finish reason', { choices: [{ message: { role: 'assistant', content: 'Hi' } }] }],
])("%s is n8n's other", (_name, body) => {
	expect(readN8nFinishReason(body)).toBe('other');
});
