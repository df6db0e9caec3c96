import type { IDataObject, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { BadInput } from '../../../shared/badInput';
import { describeValue, isObject, kindOf, parseJsonOfKind } from '../../../shared/values';

// Fields mode: the request body from the Parameters form (a resourceMapper value). Its values
// arrive as entered (array and object fields as JSON text, expressions as whatever they gave),
// so each is typed by its field in the value's `schema`, as n8n's own nodes read them.

/** The name an error gives a field: `parameters.<name>`. */
const fieldName = (id: string) => `parameters.${id}`;

/** Whether a value counts as not given: missing, null, or empty (or blank) text. */
const isEmpty = (value: unknown, type: ResourceMapperField['type']): boolean =>
	value === undefined ||
	value === null ||
	(typeof value === 'string' && (type === 'string' ? value === '' : value.trim() === ''));

function asNumber(id: string, value: unknown): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	const number = typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(number)) {
		throw new BadInput(`${fieldName(id)} must be a number, not ${describeValue(value)}`);
	}
	return number;
}

function asBoolean(id: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === 'true' || text === 'false') return text === 'true';
	throw new BadInput(`${fieldName(id)} must be true or false, not ${describeValue(value)}`);
}

function asString(id: string, value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new BadInput(`${fieldName(id)} must be text, not ${kindOf(value)}`);
}

/**
 * An options field's value: one of its options as listed (so `"768"` from an expression is the
 * option 768), else as given.
 */
function asOption(value: unknown, options: INodePropertyOptions[] = []): unknown {
	const listed =
		options.find((option) => option.value === value) ??
		options.find((option) => String(option.value) === String(value));
	return listed ? listed.value : value;
}

/** A value typed as its field is; a value that cannot be is bad input naming the field. */
function typed(id: string, value: unknown, field: ResourceMapperField | undefined): unknown {
	switch (field?.type) {
		case 'string':
			return asString(id, value);
		case 'number':
			return asNumber(id, value);
		case 'boolean':
			return asBoolean(id, value);
		case 'options':
			return asOption(value, field.options);
		case 'array':
		case 'object':
			return parseJsonOfKind(value, fieldName(id), field.type);
		default:
			return value;
	}
}

const schemaOf = (mapper: IDataObject): ResourceMapperField[] =>
	Array.isArray(mapper.schema)
		? (mapper.schema as unknown[]).filter(
				(field): field is ResourceMapperField =>
					isObject(field) && typeof field.id === 'string' && field.id !== '',
			)
		: [];

/**
 * The request body of the Parameters form: each value typed by its field (numbers, booleans,
 * options as listed, arrays and objects parsed from JSON text), empty ones left out, in the
 * form's order (values the form does not describe after them, as given). An empty required
 * field, or a value its field cannot take, is bad input naming `parameters.<name>`; so is a
 * form with no fields at all (the catalogue had nothing for the model).
 */
export function fieldsBody(mapper: unknown): IDataObject {
	const form = isObject(mapper) ? mapper : {};
	const schema = schemaOf(form);
	if (schema.length === 0) {
		throw new BadInput(
			'parameters has no fields: the model catalogue lists none for this model. Set Parameters to Using JSON and give the request body there',
		);
	}
	const values = isObject(form.value) ? form.value : {};
	const byId = new Map(schema.map((field) => [field.id, field]));
	const ids = [...byId.keys(), ...Object.keys(values).filter((id) => !byId.has(id))];
	const body: IDataObject = {};
	for (const id of ids) {
		const field = byId.get(id);
		const value = values[id];
		if (isEmpty(value, field?.type)) {
			if (field?.required === true && field.removed !== true) {
				throw new BadInput(`${fieldName(id)} is required: give it a value`);
			}
			continue;
		}
		body[id] = typed(id, value, field) as IDataObject[string];
	}
	return body;
}
