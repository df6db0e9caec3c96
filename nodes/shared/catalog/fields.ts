import type { FieldType, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { isObject } from '../values';
import type { CatalogEntry, CatalogParameter } from './types';

type OptionValue = INodePropertyOptions['value'];

const isOptionValue = (value: unknown): value is OptionValue =>
	typeof value === 'string' ||
	typeof value === 'boolean' ||
	(typeof value === 'number' && Number.isFinite(value));

/**
 * A catalogue option as the form lists it: a plain value as itself, or an object with a `value`
 * (named by its `label` or `name`); anything else is not a choice the form can offer.
 */
function optionOf(option: unknown): INodePropertyOptions | undefined {
	if (isOptionValue(option)) return { name: String(option), value: option };
	if (!isObject(option) || !isOptionValue(option.value)) return undefined;
	const label = [option.label, option.name].find(
		(text): text is string => typeof text === 'string' && text.trim() !== '',
	);
	return { name: label ?? String(option.value), value: option.value };
}

/** The choices of a parameter with a non-empty `options` list; undefined when it has none. */
function optionsOf(parameter: CatalogParameter): INodePropertyOptions[] | undefined {
	if (!Array.isArray(parameter.options)) return undefined;
	const options: INodePropertyOptions[] = [];
	for (const option of parameter.options.map(optionOf)) {
		if (option && !options.some((known) => known.value === option.value)) options.push(option);
	}
	return options.length > 0 ? options : undefined;
}

const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

/**
 * The field type of a catalogue parameter: `options` for a non-empty options list, `boolean` for
 * a boolean default, `number` for a numeric default or a `min`/`max`, `array` for an array
 * default, `object` for an object default, else `string`.
 */
export function fieldTypeOf(parameter: CatalogParameter): FieldType {
	const { default: value } = parameter;
	if (optionsOf(parameter)) return 'options';
	if (typeof value === 'boolean') return 'boolean';
	if (isNumber(value) || isNumber(parameter.min) || isNumber(parameter.max)) return 'number';
	if (Array.isArray(value)) return 'array';
	if (isObject(value)) return 'object';
	return 'string';
}

/**
 * The value the form starts a field with: the catalogue's default as the field holds it (array
 * and object fields hold JSON text); none for an empty or missing default, or one that does not
 * fit the field.
 */
function defaultValueOf(
	parameter: CatalogParameter,
	type: FieldType,
): ResourceMapperField['defaultValue'] {
	const { default: value } = parameter;
	switch (type) {
		case 'array':
			return Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : undefined;
		case 'object':
			return isObject(value) && Object.keys(value).length > 0 ? JSON.stringify(value) : undefined;
		case 'number':
			if (isNumber(value)) return value;
			return typeof value === 'string' && value.trim() !== '' && isNumber(Number(value))
				? Number(value)
				: undefined;
		case 'boolean':
			return typeof value === 'boolean' ? value : undefined;
		default:
			return isOptionValue(value) && value !== '' ? value : undefined;
	}
}

/** The order the form lists parameters in: by `displayOrder`, those without one last. */
const orderOf = (parameter: CatalogParameter): number =>
	isNumber(parameter.displayOrder) ? parameter.displayOrder : Number.POSITIVE_INFINITY;

/**
 * The form fields of a catalogue entry's parameters: one per parameter that is not `hidden`,
 * id and name the parameter's name, required from `isRequired`, typed by `fieldTypeOf`, starting
 * from the catalogue's default, ordered by `displayOrder` (ties in the catalogue's order).
 */
export function modelFields(entry: CatalogEntry): ResourceMapperField[] {
	return Object.entries(entry.parameters ?? {})
		.filter(([name, parameter]) => name.trim() !== '' && parameter.hidden !== true)
		.map(([name, parameter], index) => ({ name, parameter, index }))
		.sort((a, b) => orderOf(a.parameter) - orderOf(b.parameter) || a.index - b.index)
		.map(({ name, parameter }) => {
			const type = fieldTypeOf(parameter);
			const options = type === 'options' ? optionsOf(parameter) : undefined;
			const defaultValue = defaultValueOf(parameter, type);
			return {
				id: name,
				displayName: name,
				required: parameter.isRequired === true,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type,
				...(options && { options }),
				...(defaultValue !== undefined && { defaultValue }),
			};
		});
}
