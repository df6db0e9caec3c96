// The conversation of a chat request, whatever format it came in: the emulator's replies and
// token counts are the same for every family.

export interface Turn {
	/** The system text of Claude's `instruction` or Gemini's `system_instruction` is a 'system' turn. */
	role: 'system' | 'user' | 'assistant' | 'tool';
	text: string;
	/** How many images went with it. */
	images: number;
}

/** The turns, or the 400 error text Segmind answers for a body not in the family's format. */
export type ParsedTurns = { turns: Turn[] } | { error: string };

export type Json = Record<string, unknown>;

/** A content part's text or image; an error text for a malformed part. */
export type PartReader = (part: unknown, where: string) => { text?: string; image?: true } | string;

/**
 * `messages` as OpenAI and Claude carry them: an array of {role, content}, content a string or
 * an array of parts. A role in `refused` gets that error text (which says where it belongs).
 */
export function readMessages(
	messages: unknown,
	roles: Turn['role'][],
	readPart: PartReader,
	refused: Record<string, string> = {},
): ParsedTurns {
	if (!Array.isArray(messages) || messages.length === 0) {
		return { error: '"messages" must be a non-empty array' };
	}
	const turns: Turn[] = [];
	for (const [index, message] of messages.entries()) {
		const { role, content } = (message ?? {}) as Record<string, unknown>;
		if (typeof role === 'string' && role in refused) {
			return { error: `messages[${index}].role "${role}" ${refused[role]}` };
		}
		if (typeof role !== 'string' || !(roles as string[]).includes(role)) {
			return { error: `messages[${index}].role must be one of ${roles.join(', ')}` };
		}
		const turn: Turn = { role: role as Turn['role'], text: '', images: 0 };
		if (typeof content === 'string') {
			turn.text = content;
		} else if (Array.isArray(content) && content.length > 0) {
			const texts: string[] = [];
			for (const [partIndex, part] of content.entries()) {
				const read = readPart(part, `messages[${index}].content[${partIndex}]`);
				if (typeof read === 'string') return { error: read };
				if (read.text !== undefined) texts.push(read.text);
				if (read.image) turn.images++;
			}
			turn.text = texts.join(' ');
		} else {
			return { error: `messages[${index}].content must be a string or an array of content parts` };
		}
		turns.push(turn);
	}
	return { turns };
}
