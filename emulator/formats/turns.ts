// The conversation of a chat request, whatever format it came in: the emulator's replies and
// token counts are the same for every family.

export interface Turn {
	/** The system text of Claude's `instruction` or Gemini's `system_instruction` is a 'system' turn. */
	role: 'system' | 'user' | 'assistant';
	text: string;
	/** How many images went with it. */
	images: number;
}

/** The turns, or the 400 error text Segmind answers for a body not in the family's format. */
export type ParsedTurns = { turns: Turn[] } | { error: string };

export type Json = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
