import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { findEntry, loadCatalog, modelFields, type Catalog } from '../../shared/catalog';
import { isObject } from '../../shared/values';
import { readModelSlug } from '../actions/model/modelLocator';

const USE_JSON = 'set Parameters to <b>Using JSON</b> and give the request body there';

// The notice is shown as HTML: the slug and the reason are the user's and the API's text.
const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const noFields = (notice: string): ResourceMapperFields => ({
	fields: [],
	emptyFieldsNotice: notice,
});

/** Whether the Model parameter is an expression (its value is only known in a run). */
function isExpression(model: unknown): boolean {
	const value = isObject(model) ? model.value : model;
	return typeof value === 'string' && value.startsWith('=');
}

/** Why a model has no fields here, and the way out. */
function noticeFor(slug: string, catalog: Catalog, found: boolean): string {
	const model = `"${escapeHtml(slug)}"`;
	if (catalog.source === 'shipped') {
		return `Segmind's model catalogue could not be read (${escapeHtml(catalog.reason ?? 'no reason given')}), so the parameters of ${model} are not known here: ${USE_JSON}.`;
	}
	if (!found) {
		return `${model} is not in Segmind's model catalogue, so its parameters are not known here: ${USE_JSON}.`;
	}
	return `Segmind's model catalogue lists no parameters for ${model}: ${USE_JSON}.`;
}

/**
 * The Parameters form of Run a Model: one field per parameter of the chosen model, from its
 * catalogue entry (or the shipped catalogue when Segmind's cannot be read). No fields, and a
 * notice pointing to JSON, when the model is not picked yet, is an expression, or the catalogue
 * has nothing for it.
 */
export async function getModelParameters(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const model = this.getNodeParameter(
		'model',
		{ mode: 'list', value: '' },
		{ rawExpressions: true },
	);
	if (isExpression(model)) {
		return noFields(
			`The model is set by an expression, so its parameters are only known in a run: ${USE_JSON}.`,
		);
	}
	let slug: string;
	try {
		slug = readModelSlug(model);
	} catch {
		return noFields(`Pick a model above to fill in its parameters here, or ${USE_JSON}.`);
	}
	const catalog = await loadCatalog(this);
	const entry = findEntry(catalog, slug);
	const fields = entry ? modelFields(entry) : [];
	return fields.length > 0 ? { fields } : noFields(noticeFor(slug, catalog, entry !== undefined));
}
