// Response bodies in each provider's own shape, as Segmind passes them through.
import type { Echo } from './echo';
import type { Family } from './models';
import type { ToolCall } from './tools';

type Shape = (slug: string, reply: Echo, seq: number) => object;

const openai: Shape = (slug, reply, seq) => ({
	id: `chatcmpl-emulator-${seq}`,
	object: 'chat.completion',
	created: Math.floor(Date.now() / 1000),
	model: slug,
	choices: [
		{
			index: 0,
			message: { role: 'assistant', content: reply.text },
			finish_reason: reply.truncated ? 'length' : 'stop',
		},
	],
	usage: {
		prompt_tokens: reply.promptTokens,
		completion_tokens: reply.completionTokens,
		total_tokens: reply.promptTokens + reply.completionTokens,
	},
});

const anthropic: Shape = (slug, reply, seq) => ({
	id: `msg_emulator_${seq}`,
	type: 'message',
	role: 'assistant',
	model: slug,
	content: [{ type: 'text', text: reply.text }],
	stop_reason: reply.truncated ? 'max_tokens' : 'end_turn',
	stop_sequence: null,
	usage: { input_tokens: reply.promptTokens, output_tokens: reply.completionTokens },
});

const gemini: Shape = (slug, reply) => ({
	candidates: [
		{
			content: { role: 'model', parts: [{ text: reply.text }] },
			finishReason: reply.truncated ? 'MAX_TOKENS' : 'STOP',
			index: 0,
		},
	],
	usageMetadata: {
		promptTokenCount: reply.promptTokens,
		candidatesTokenCount: reply.completionTokens,
		totalTokenCount: reply.promptTokens + reply.completionTokens,
	},
	modelVersion: slug,
});

export const SHAPES: Record<Family, Shape> = { openai, anthropic, gemini };

/** An OpenAI answer that calls a tool instead of replying: the text answer's frame around it. */
export const openaiToolCall = (slug: string, call: ToolCall, reply: Echo, seq: number): object => {
	const completionTokens = call.function.arguments.split(/\s+/).length;
	return {
		...openai(slug, reply, seq),
		choices: [
			{
				index: 0,
				message: { role: 'assistant', content: null, tool_calls: [call] },
				finish_reason: 'tool_calls',
			},
		],
		usage: {
			prompt_tokens: reply.promptTokens,
			completion_tokens: completionTokens,
			total_tokens: reply.promptTokens + completionTokens,
		},
	};
};
