import type { Message, MessageContent, Tool } from '@n8n/ai-node-sdk';
import type { IDataObject } from 'n8n-workflow';

/** The text parts of a message's content, joined. */
export const textOf = (content: MessageContent[]): string =>
	content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');

/** A tool's result as the text a `tool` message carries. */
function resultText(result: unknown): string {
	if (typeof result === 'string') return result;
	// n8n hands a result over as content parts when the tool gave some.
	if (Array.isArray(result) && result.every((part) => (part as MessageContent)?.type === 'text'))
		return textOf(result as MessageContent[]);
	return JSON.stringify(result);
}

/** An assistant message in OpenAI's form: its text, and the tool calls it made. */
function assistantMessage(content: MessageContent[]): IDataObject {
	const toolCalls = content.flatMap((part) =>
		part.type === 'tool-call'
			? [
					{
						id: part.toolCallId,
						type: 'function',
						function: { name: part.toolName, arguments: part.input },
					},
				]
			: [],
	);
	const text = textOf(content);
	if (toolCalls.length === 0) return { role: 'assistant', content: text };
	// OpenAI's form of a turn that only calls tools: no text at all.
	return { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls };
}

/**
 * The conversation in OpenAI's chat format, the tool round trip included: an assistant turn's
 * tool calls as `tool_calls`, each result as a `tool` message naming its call's id.
 */
export function toOpenAiMessages(messages: Message[]): IDataObject[] {
	return messages.flatMap((message): IDataObject[] => {
		switch (message.role) {
			case 'assistant':
				return [assistantMessage(message.content)];
			case 'tool':
				return message.content.flatMap((part) =>
					part.type === 'tool-result'
						? [{ role: 'tool', tool_call_id: part.toolCallId, content: resultText(part.result) }]
						: [],
				);
			default:
				return [{ role: message.role, content: textOf(message.content) }];
		}
	});
}

/** A function tool's parameters as JSON Schema (the SDK converts Zod and JSON schemas alike). */
export type ToolSchemaOf = (tool: Extract<Tool, { type: 'function' }>) => unknown;

/** The schema as OpenAI takes it: without the `$schema` draft marker, which it does not expect. */
function parametersOf(schema: unknown): IDataObject {
	if (typeof schema !== 'object' || schema === null) return { type: 'object', properties: {} };
	const parameters = { ...(schema as IDataObject) };
	delete parameters.$schema;
	return parameters;
}

/** The calling node's function tools as OpenAI `tools`; provider tools have no OpenAI form here. */
export function toOpenAiTools(tools: Tool[], schemaOf: ToolSchemaOf): IDataObject[] {
	return tools.flatMap((tool) =>
		tool.type === 'function'
			? [
					{
						type: 'function',
						function: {
							name: tool.name,
							...(tool.description !== undefined && { description: tool.description }),
							parameters: parametersOf(schemaOf(tool)),
						},
					},
				]
			: [],
	);
}
