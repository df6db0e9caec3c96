import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadCatalog, modelListItems } from '../../shared/catalog';

/** The Model list: the catalogue's models (or the shipped ones), filtered by the search text. */
export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const catalog = await loadCatalog(this);
	return { results: modelListItems(catalog.entries, filter) };
}
