// The deterministic reply: tests assert on its exact text and token counts.
import type { Turn } from './formats/turns';

export interface Echo {
	text: string;
	/** True when `max_tokens` cut the reply short. */
	truncated: boolean;
	promptTokens: number;
	completionTokens: number;
}

/** A "token" is a whitespace-separated word. */
const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

/**
 * `Echo (<slug>, <n> messages): <last user text>`, with `, <k> images` after the messages when
 * images came. The system text counts as a message in every format. After a tool call, the
 * tool's result is echoed instead.
 */
export function echoLine(slug: string, turns: Turn[]): string {
	const lastUser = [...turns].reverse().find((turn) => turn.role === 'user' || turn.role === 'tool');
	const images = turns.reduce((sum, turn) => sum + turn.images, 0);
	const imagesNote = images > 0 ? `, ${images} images` : '';
	return `Echo (${slug}, ${turns.length} messages${imagesNote}): ${lastUser?.text ?? ''}`;
}

/** The reply as sent: cut to `max_tokens` words, with the tokens counted. */
export function echo(full: string, turns: Turn[], maxTokens?: number): Echo {
	const replyWords = words(full);
	const truncated = maxTokens !== undefined && replyWords.length > maxTokens;
	const text = truncated ? replyWords.slice(0, maxTokens).join(' ') : full;
	return {
		text,
		truncated,
		promptTokens: turns.reduce((sum, turn) => sum + words(turn.text).length, 0),
		completionTokens: words(text).length,
	};
}
