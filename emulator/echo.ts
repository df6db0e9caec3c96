// The deterministic reply: tests assert on its exact text and token counts.
import type { ChatMessage } from './chatRequest';

export interface Echo {
	text: string;
	/** True when `max_tokens` cut the reply short. */
	truncated: boolean;
	promptTokens: number;
	completionTokens: number;
}

/** A "token" is a whitespace-separated word. */
const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

export function echo(slug: string, messages: ChatMessage[], maxTokens?: number): Echo {
	// After a tool call, the reply echoes the tool's result.
	const last = [...messages]
		.reverse()
		.find((message) => message.role === 'user' || message.role === 'tool');
	const full = `Echo (${slug}, ${messages.length} messages): ${last?.content ?? ''}`;
	const replyWords = words(full);
	const truncated = maxTokens !== undefined && replyWords.length > maxTokens;
	const text = truncated ? replyWords.slice(0, maxTokens).join(' ') : full;
	return {
		text,
		truncated,
		promptTokens: messages.reduce((sum, message) => sum + words(message.content).length, 0),
		completionTokens: words(text).length,
	};
}
