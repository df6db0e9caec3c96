import { BadInput } from './badInput';

/** A Segmind model slug as given, trimmed; empty is bad input naming `model`. */
export function checkSlug(value: unknown): string {
	const slug = typeof value === 'string' ? value.trim() : '';
	if (slug === '') throw new BadInput('model is empty: name a Segmind model slug such as gpt-4o');
	return slug;
}
