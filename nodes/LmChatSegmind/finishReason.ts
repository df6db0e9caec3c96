import type { FinishReason } from '@n8n/ai-node-sdk';

// Each provider's own finish reasons (OpenAI, Anthropic, Gemini), in n8n's words.
const FINISH_REASONS = new Map<string, FinishReason>(
	Object.entries({
		stop: 'stop',
		end_turn: 'stop',
		stop_sequence: 'stop',
		STOP: 'stop',
		length: 'length',
		max_tokens: 'length',
		MAX_TOKENS: 'length',
		tool_calls: 'tool-calls',
		function_call: 'tool-calls',
		tool_use: 'tool-calls',
		content_filter: 'content-filter',
		SAFETY: 'content-filter',
		RECITATION: 'content-filter',
	}),
);

/** The provider's finish reason as n8n names it; `other` for one it does not know. */
export const toFinishReason = (reason: string | null): FinishReason =>
	(reason !== null && FINISH_REASONS.get(reason)) || 'other';
