import type { ChatTurn } from './types';

/**
 * The conversation's system text (every system message, in order, joined by a blank line) and
 * the user and assistant turns, for the API formats that carry the system text apart.
 */
export function splitSystemText(conversation: ChatTurn[]): {
	systemText: string | undefined;
	turns: ChatTurn[];
} {
	const system = conversation.filter((turn) => turn.role === 'system');
	return {
		systemText: system.length ? system.map((turn) => turn.content).join('\n\n') : undefined,
		turns: conversation.filter((turn) => turn.role !== 'system'),
	};
}
