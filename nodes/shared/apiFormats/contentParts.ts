import type { IDataObject } from 'n8n-workflow';

import type { ChatTurn, InlineImage } from './types';

/**
 * A message as OpenAI and Claude take it: its text, or, when images go with it, content parts:
 * the text first, then one part per image in the API format's own shape.
 */
export function messageWithImages(
	{ role, content, images }: ChatTurn,
	imagePart: (image: InlineImage) => IDataObject,
): IDataObject {
	if (!images?.length) return { role, content };
	return { role, content: [{ type: 'text', text: content }, ...images.map(imagePart)] };
}
