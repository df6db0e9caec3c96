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

/**
 * A catalogue type as the list shows it: a label for a known one, else the camel-cased type in
 * words (`textTo3D` "Text to 3D", `speechToText` "Speech to text"); any other as given.
 */
export function typeLabel(type: string): string {
	const known = TYPE_LABELS[type.toLowerCase()];
	if (known !== undefined) return known;
	if (!/^[a-z][A-Za-z0-9]*$/.test(type)) return type;
	const words = (type.match(/[A-Z]?[a-z]+|[0-9]+[A-Za-z]*|[A-Z]+(?![a-z])/g) ?? [type]).map(
		(word) => (/[0-9]/.test(word) || /^[A-Z]{2,}$/.test(word) ? word : word.toLowerCase()),
	);
	const text = words.join(' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The model's page on Segmind's site. */
const modelPageUrl = (slug: string): string =>
	`https://www.segmind.com/models/${encodeURIComponent(slug)}`;

/**
 * Whether an entry matches the search text: each of its words (any case) is found in the slug or
 * the title, so "flux schnell" finds "Flux.1 Schnell" and "sdxl txt2img" finds sdxl1.0-txt2img.
 */
function matches(entry: CatalogEntry, words: string[]): boolean {
	const slug = entry.slug.toLowerCase();
	const title = entry.title.toLowerCase();
	return words.every((word) => slug.includes(word) || title.includes(word));
}

/**
 * The model list's items: every entry not deprecated that matches the search text, in catalogue
 * order, as `title (slug)` with the type below.
 */
export function modelListItems(
	entries: readonly CatalogEntry[],
	filter?: string,
): INodeListSearchItems[] {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	return entries
		.filter((entry) => !entry.deprecated && matches(entry, words))
		.map((entry) => ({
			name: entry.title === entry.slug ? entry.slug : `${entry.title} (${entry.slug})`,
			value: entry.slug,
			url: modelPageUrl(entry.slug),
			...(entry.type !== '' && { description: typeLabel(entry.type) }),
		}));
}
