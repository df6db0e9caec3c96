import type { INodeListSearchItems } from 'n8n-workflow';

import type { CatalogEntry } from './types';

// The catalogue's types as the list shows them (Segmind spells one of them imageTOImage).
const TYPE_LABELS: Record<string, string> = {
	texttoimage: 'Text to image',
	imagetoimage: 'Image to image',
	texttovideo: 'Text to video',
	imagetovideo: 'Image to video',
	videotovideo: 'Video to video',
	texttoaudio: 'Text to audio',
	audiototext: 'Audio to text',
	texttotext: 'Text to text',
	llm: 'Chat (LLM)',
};

/** A catalogue type as the list shows it: a label for a known one, else the type as given. */
export const typeLabel = (type: string): string => TYPE_LABELS[type.toLowerCase()] ?? type;

/** The model's page on Segmind's site. */
export const modelPageUrl = (slug: string): string =>
	`https://www.segmind.com/models/${encodeURIComponent(slug)}`;

/**
 * The model list's items: every entry not deprecated whose slug or title holds the search text
 * (any case), in catalogue order, as `title (slug)` with the type below.
 */
export function modelListItems(
	entries: readonly CatalogEntry[],
	filter?: string,
): INodeListSearchItems[] {
	const text = (filter ?? '').trim().toLowerCase();
	return entries
		.filter((entry) => !entry.deprecated)
		.filter(
			(entry) =>
				text === '' ||
				entry.slug.toLowerCase().includes(text) ||
				entry.title.toLowerCase().includes(text),
		)
		.map((entry) => ({
			name: entry.title === entry.slug ? entry.slug : `${entry.title} (${entry.slug})`,
			value: entry.slug,
			url: modelPageUrl(entry.slug),
			...(entry.type !== '' && { description: typeLabel(entry.type) }),
		}));
}
