import type { IDataObject } from 'n8n-workflow';

/**
 * One parameter of a model as Segmind's catalogue describes it (reported fields; any may be
 * missing, and others may come).
 */
export interface CatalogParameter extends IDataObject {
	isRequired?: boolean;
	default?: IDataObject[keyof IDataObject];
	min?: number;
	max?: number;
	step?: number;
	options?: IDataObject[keyof IDataObject];
	displayOrder?: number;
	component?: string;
	hidden?: boolean;
}

/** A model of the catalogue, in the node's own terms. */
export interface CatalogEntry {
	slug: string;
	/** The catalogue's title; the slug when it has none. */
	title: string;
	/** The catalogue's type as given (textToImage, imageTOImage, llm...); '' when it has none. */
	type: string;
	/** Segmind marks it `is_depreciated` (sic): left out of the model list. */
	deprecated: boolean;
	/** Its parameters by name, as the catalogue gives them; undefined when it gives none. */
	parameters?: Record<string, CatalogParameter>;
}

/** The catalogue a list is built from: Segmind's, or the one shipped in the package, and why. */
export interface Catalog {
	entries: CatalogEntry[];
	source: 'segmind' | 'shipped';
	/** Why the shipped catalogue stands in (the answer's status, an unknown shape...). */
	reason?: string;
}
