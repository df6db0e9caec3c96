import type { ContentToolCall } from '@n8n/ai-node-sdk';

import { first, isObject } from '../shared/values';

/**
 * The tool calls of an OpenAI-format answer (`choices[0].message.tool_calls`). A call without an
 * id gets one made from the answer's id (else the turn) and its place: the same answer always
 * gives the same ids, and no two calls share one, even across the turns memory keeps (the tool's
 * result names its call by that id).
 */
export function readToolCalls(body: unknown, turn: number): ContentToolCall[] {
	if (!isObject(body)) return [];
	const prefix = typeof body.id === 'string' && body.id !== '' ? body.id : `turn${turn}`;
	const choice = first(body.choices);
	const calls = isObject(choice) && isObject(choice.message) ? choice.message.tool_calls : [];
	if (!Array.isArray(calls)) return [];
	return calls.flatMap((call: unknown, index): ContentToolCall[] => {
		if (!isObject(call) || !isObject(call.function)) return [];
		const { name, arguments: input } = call.function;
		if (typeof name !== 'string' || name === '') return [];
		return [
			{
				type: 'tool-call',
				toolCallId:
					typeof call.id === 'string' && call.id !== '' ? call.id : `call_${prefix}_${index}`,
				toolName: name,
				// OpenAI sends the arguments as JSON text; some gateways send the object itself.
				input: typeof input === 'string' ? input : JSON.stringify(input ?? {}),
			},
		];
	});
}
