import type { INodeProperties } from 'n8n-workflow';

import { BadInput } from '../../../shared/badInput';
import { isObject } from '../../../shared/values';

/**
 * A Segmind model page: https://www.segmind.com/models/<slug>, with or without "www." and a
 * trailing "/api". The first group is the slug (n8n's extractValue takes it).
 */
const MODEL_URL_PATTERN =
	'^https?://(?:www\\.)?segmind\\.com/models/([^/?#]+)(?:/api)?/?(?:[?#].*)?$';

const MODEL_URL = new RegExp(MODEL_URL_PATTERN, 'i');

/** The Model parameter: picked from the catalogue, typed as a slug, or pasted as a page URL. */
export const modelLocator: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Segmind model to run; its request goes to /v1/{slug} or /v2/{slug}',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a model...',
			typeOptions: { searchListMethod: 'searchModels', searchable: true },
		},
		{
			displayName: 'By Slug',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. flux-pro',
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://www.segmind.com/models/flux-pro',
			extractValue: { type: 'regex', regex: MODEL_URL_PATTERN },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: MODEL_URL_PATTERN,
						errorMessage: 'Not a Segmind model URL (https://www.segmind.com/models/<slug>)',
					},
				},
			],
		},
	],
};

/** The slug of a Segmind model page URL; undefined for any other text. */
export function slugOfModelUrl(url: string): string | undefined {
	const slug = MODEL_URL.exec(url.trim())?.[1];
	if (slug === undefined) return undefined;
	try {
		return decodeURIComponent(slug);
	} catch {
		return undefined;
	}
}

/**
 * The slug the Model parameter names, in any of its modes (a plain string is taken as a slug);
 * an empty one, or a URL that is not a Segmind model page, is bad input naming `model`.
 */
export function readModelSlug(value: unknown): string {
	const { mode, value: given } = isObject(value) ? value : { mode: 'id', value };
	const text = typeof given === 'string' ? given.trim() : '';
	if (text === '') {
		throw new BadInput('model is empty: pick a model from the list, or give its slug or its URL');
	}
	if (mode !== 'url') return text;
	const slug = slugOfModelUrl(text);
	if (slug === undefined || slug.trim() === '') {
		throw new BadInput(
			`model: "${text}" is not a Segmind model URL; use https://www.segmind.com/models/<slug>`,
		);
	}
	return slug.trim();
}
