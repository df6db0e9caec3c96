// OpenAI-format tools: the first tool is called, with arguments built from its schema, until the
// conversation carries a tool result; then the reply is text. `dropTools` ignores `tools` the way
// Segmind's gateway does today (its own SDK says it does not forward them yet).
import { isJsonObject } from './body';
import type { Turn } from './formats/turns';

export interface FunctionTool {
	name: string;
	parameters: Record<string, unknown>;
}

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

/** The `tools` of a body: undefined when absent, an error text when not OpenAI function tools. */
export function parseTools(value: unknown): FunctionTool[] | string | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) return '"tools" must be an array';
	const tools: FunctionTool[] = [];
	for (const [index, tool] of value.entries()) {
		const fn = isJsonObject(tool) && tool.type === 'function' ? tool.function : undefined;
		if (!isJsonObject(fn) || typeof fn.name !== 'string' || fn.name === '') {
			return `tools[${index}] must be {type: "function", function: {name, parameters}}`;
		}
		const parameters = fn.parameters ?? {};
		if (!isJsonObject(parameters)) return `tools[${index}].function.parameters must be an object`;
		tools.push({ name: fn.name, parameters });
	}
	return tools;
}

// The longest stretch of a message that reads as arithmetic, e.g. "6 * 7" in "What is 6 * 7?".
const ARITHMETIC = /[\d.]+(?:\s*[-+*/^%]\s*\(*\s*[\d.]+\s*\)*)+/g;

/** What a string argument gets: the arithmetic in the text, else the text itself. */
function stringArgument(text: string): string {
	const found = text.match(ARITHMETIC) ?? [];
	return found.sort((a, b) => b.length - a.length)[0]?.trim() ?? text;
}

/** A value of the schema's type: strings from the last user message, the rest their zero. */
function valueOf(schema: unknown, text: string): unknown {
	const type = isJsonObject(schema) ? schema.type : undefined;
	switch (type) {
		case 'string':
			return stringArgument(text);
		case 'number':
		case 'integer':
			return 0;
		case 'boolean':
			return false;
		case 'array':
			return [];
		default:
			return argumentsOf(isJsonObject(schema) ? schema : {}, text);
	}
}

/** An object with a value for every property of the schema. */
function argumentsOf(schema: Record<string, unknown>, text: string): Record<string, unknown> {
	const properties = isJsonObject(schema.properties) ? schema.properties : {};
	return Object.fromEntries(
		Object.entries(properties).map(([name, property]) => [name, valueOf(property, text)]),
	);
}

/** The call the emulator makes: the first tool, with an id unique to the request. */
export function toolCallFor(
	tools: FunctionTool[],
	turns: Turn[],
	seq: number,
): ToolCall | undefined {
	const [tool] = tools;
	if (!tool || turns.some((turn) => turn.role === 'tool')) return undefined;
	const lastUser = [...turns].reverse().find((turn) => turn.role === 'user');
	return {
		id: `call_emulator_${seq}`,
		type: 'function',
		function: {
			name: tool.name,
			arguments: JSON.stringify(argumentsOf(tool.parameters, lastUser?.text ?? '')),
		},
	};
}
