// Type only: the package loads on n8n 1.x, which has no AI node SDK.
import type { MessageContent } from '@n8n/ai-node-sdk';

/** The text parts of a message's content (n8n's AI nodes), joined. */
export const textOf = (content: MessageContent[]): string =>
	content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
