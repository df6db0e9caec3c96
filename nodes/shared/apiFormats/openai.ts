// Type only: the package loads on n8n 1.x, which has no AI node SDK.
import type { ContentToolCall, Message, MessageContent, Tool } from '@n8n/ai-node-sdk';
import type { IDataObject } from 'n8n-workflow';

import { first, isObject, numberOrNull } from '../values';
import { messageWithImages } from './requestBody';
import { textOf } from './messageText';
import type { ApiFormat, InlineImage, ToolSchemaOf } from './types';

// A data: URL: Segmind's own fetching of image URLs fails for some hosts.
const imageUrlPart = ({ mimeType, data }: InlineImage): IDataObject => ({
	type: 'image_url',
	image_url: { url: `data:${mimeType};base64,${data}` },
});

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
 * n8n's conversation in OpenAI's chat format, the tool round trip included: an assistant turn's
 * tool calls as `tool_calls`, each result as a `tool` message naming its call's id.
 */
function toOpenAiMessages(messages: Message[]): IDataObject[] {
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

/** The schema as OpenAI takes it: without the `$schema` draft marker, which it does not expect. */
function parametersOf(schema: unknown): IDataObject {
	if (typeof schema !== 'object' || schema === null) return { type: 'object', properties: {} };
	const parameters = { ...(schema as IDataObject) };
	delete parameters.$schema;
	return parameters;
}

/** The calling node's function tools as OpenAI `tools`; provider tools have no OpenAI form here. */
function toOpenAiTools(tools: Tool[], schemaOf: ToolSchemaOf): IDataObject[] {
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

/**
 * The tool calls of an OpenAI-format answer (`choices[0].message.tool_calls`). A call without an
 * id gets one made from the answer's id (else the turn) and its place: the same answer always
 * gives the same ids, and no two calls share one, even across the turns memory keeps (the tool's
 * result names its call by that id).
 */
function readToolCalls(body: unknown, turn: number): ContentToolCall[] {
	if (!isObject(body)) return [];
	const prefix = typeof body.id === 'string' && body.id !== '' ? body.id : `turn${turn}`;
	const choice = first(body.choices);
	const calls = isObject(choice) && isObject(choice.message) ? choice.message.tool_calls : [];
	if (!Array.isArray(calls)) return [];
	return calls.flatMap((call: unknown, index): ContentToolCall[] => {
		if (!isObject(call) || !isObject(call.function)) return [];
		const { name, arguments: input } = call.function;
		if (typeof name !== 'string' || name === '') return [];
		return [
			{
				type: 'tool-call',
				toolCallId:
					typeof call.id === 'string' && call.id !== '' ? call.id : `call_${prefix}_${index}`,
				toolName: name,
				// OpenAI sends the arguments as JSON text; some gateways send the object itself.
				input: typeof input === 'string' ? input : JSON.stringify(input ?? {}),
			},
		];
	});
}

/**
 * OpenAI's chat format (gpt-*, o*, llama, deepseek, ...): `messages` with system roles, `choices`
 * back. No slug prefix: `auto` gives it every slug the other formats do not claim. The one format
 * that carries the tools of n8n's AI nodes.
 */
export const openAi: ApiFormat<'openai'> = {
	name: 'openai',
	label: 'OpenAI',
	optionDescription:
		'Messages with the roles system, user and assistant (gpt-*, o*, llama, deepseek models)',
	takesJsonObject: true,
	systemApart: false,
	conversationFields: (conversation) => ({
		messages: conversation.map((turn) => messageWithImages(turn, imageUrlPart)),
	}),
	readReply(body) {
		const choice = first(body.choices);
		const content =
			isObject(choice) && isObject(choice.message) ? choice.message.content : undefined;
		return typeof content === 'string' ? content : undefined;
	},
	readUsage(body) {
		const usage = body.usage;
		if (
			!isObject(usage) ||
			!['prompt_tokens', 'completion_tokens', 'total_tokens'].some((key) => key in usage)
		)
			return undefined;
		return {
			promptTokens: numberOrNull(usage.prompt_tokens),
			completionTokens: numberOrNull(usage.completion_tokens),
			totalTokens: numberOrNull(usage.total_tokens),
		};
	},
	readFinishReason(body: IDataObject) {
		const choice = first(body.choices);
		const reason = isObject(choice) ? choice.finish_reason : undefined;
		return typeof reason === 'string' ? reason : undefined;
	},
	finishReasons: {
		stop: 'stop',
		length: 'length',
		tool_calls: 'tool-calls',
		function_call: 'tool-calls',
		content_filter: 'content-filter',
	},
	tools: {
		toolFields(messages, tools, schemaOf) {
			const openAiTools = toOpenAiTools(tools, schemaOf);
			return {
				messages: toOpenAiMessages(messages),
				...(openAiTools.length > 0 && { tools: openAiTools }),
			};
		},
		readToolCalls,
	},
};
