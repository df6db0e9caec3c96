import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	apiFormatFor,
	buildChatBody,
	checkConversation,
	readBodySettings,
	type ApiFormat,
	type BodyOptions,
	type BodySettings,
	type ChatMessage,
} from '../../../shared/apiFormats';
import { attempt, BadInput } from '../../../shared/badInput';
import type { ApiOutcome, QueuedResult } from '../../../shared/client';
import { DEFAULT_MODEL } from '../../../shared/constants';
import { readPath } from '../../../shared/itemPath';
import { checkSlug } from '../../../shared/values';
import { pollIntervalOption, requestModeOption, requestOptions } from '../../../shared/options';
import { defineOperation, type ItemUnit } from '../../../shared/pipeline';
import { messageOutput, queuedMessageOutput, type MessageOutputOptions } from '../output';
import {
	checkImages,
	imageFieldNames,
	readTurnImages,
	toChatMessage,
	toMessageList,
	withImagesOnLastUserMessage,
	withSystemMessage,
	type PendingTurn,
} from './conversation';
import { messageFields } from './messageFields';
import { messageOptions } from './messageOptions';

type InputMode = 'define' | 'field' | 'items';

interface MessageOptions extends BodyOptions {
	systemMessage?: string;
	model?: string;
	apiFormat?: unknown;
	includeMessages?: boolean;
	includeRawResponse?: boolean;
	requestMode?: 'sync' | 'queue';
}

/** A conversation checked and ready to send; its images are read only when it goes. */
interface ChatRequest {
	model: string;
	apiFormat: ApiFormat;
	conversation: PendingTurn[];
	bodySettings: BodySettings;
	queue: boolean;
	outputOptions: MessageOutputOptions;
}

type ChatAnswer = { outcome: ApiOutcome } | { queued: QueuedResult };

const inputModeOf = (context: IExecuteFunctions) =>
	context.getNodeParameter('inputMode', 0) as InputMode;

/** The binary properties an item's options name as images. */
const imageNamesOf = (context: IExecuteFunctions, itemIndex: number) =>
	imageFieldNames(context.getNodeParameter('options.imageFields', itemIndex, ''));

/** Message the Model: one conversation per input item, or one for all of them. */
export const message = defineOperation<ChatRequest, ChatAnswer>({
	operation: {
		name: 'Message the Model',
		value: 'message',
		description: 'Send a conversation and get the assistant reply',
		action: 'Message the model',
	},
	subtitle: `"Message " + ($parameter["options"]["model"] || "${DEFAULT_MODEL}")`,
	fields: messageFields,
	options: [...messageOptions, requestModeOption, pollIntervalOption, ...requestOptions],
	units: (context, items) =>
		inputModeOf(context) === 'items'
			? [{ itemIndex: 0, pairedItem: items.map((_, item) => ({ item })) }]
			: items.map((_, itemIndex) => ({ itemIndex, pairedItem: { item: itemIndex } })),
	prepare(context, { itemIndex }: ItemUnit, items) {
		const inputMode = inputModeOf(context);
		if (inputMode === 'items') {
			const messages = items.map((item, index) => messageOfItem(context, item, index));
			return chatRequest(context, 0, messages, 'messages');
		}
		const listName = inputMode === 'field' ? 'messagesField' : 'messages';
		const list =
			inputMode === 'field'
				? context.getNodeParameter('messagesField', itemIndex)
				: context.getNodeParameter('messages.values', itemIndex, []);
		const images = checkImages(items[itemIndex], itemIndex, imageNamesOf(context, itemIndex));
		const turns = withImagesOnLastUserMessage(toMessageList(list, listName), images);
		return chatRequest(context, itemIndex, turns, listName);
	},
	async send(client, request, context) {
		const turns = await readTurnImages(context, request.conversation);
		const body = buildChatBody(request.apiFormat, turns, request.bodySettings);
		if (request.queue) {
			const queued = await client.queueModel(request.model, body);
			return queued && { queued };
		}
		const outcome = await client.runModel(request.model, body);
		return outcome && { outcome };
	},
	output: (request, answer) => ({
		json:
			'queued' in answer
				? queuedMessageOutput(answer.queued, request.outputOptions)
				: messageOutput(answer.outcome, request.outputOptions),
	}),
});

/** An item's message in items mode, with the images it carries; bad input names that item. */
function messageOfItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): PendingTurn {
	const read = attempt(() => readMessageOfItem(context, item, itemIndex));
	if ('failure' in read) throw new BadInput(read.failure, itemIndex);
	return read.value;
}

function readMessageOfItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): PendingTurn {
	const roleField = String(context.getNodeParameter('roleField', itemIndex, 'role'));
	const contentField = String(context.getNodeParameter('contentField', itemIndex, 'content'));
	const message = toChatMessage(
		readPath(item.json, roleField),
		readPath(item.json, contentField),
		roleField,
		contentField,
	);
	const present = imageNamesOf(context, itemIndex).filter((name) => item.binary?.[name]);
	if (present.length === 0) return message;
	if (message.role !== 'user') {
		throw new BadInput(
			`imageFields: binary property "${present[0]}" is on an item whose message is ${message.role}; images go with user messages only`,
		);
	}
	return { ...message, imageRefs: checkImages(item, itemIndex, present) };
}

/** The messages as the output shows them: text only, never image data. */
const textOnly = ({ role, content }: ChatMessage): ChatMessage => ({ role, content });

/** Reads the item's options and checks the conversation against its model's format. */
function chatRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	messages: PendingTurn[],
	listName: string,
): ChatRequest {
	const options = context.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const model = checkSlug(options.model ?? DEFAULT_MODEL);
	const apiFormat = apiFormatFor(options.apiFormat, model);
	const conversation = withSystemMessage(messages, options.systemMessage ?? '', listName);
	checkConversation(apiFormat, conversation, listName);
	const bodySettings = readBodySettings(apiFormat, options);
	return {
		model,
		apiFormat,
		conversation,
		bodySettings,
		queue: options.requestMode === 'queue',
		outputOptions: {
			messages: conversation.map(textOnly),
			model,
			apiFormat: apiFormat.name,
			jsonReply: bodySettings.named.response_format !== undefined,
			includeMessages: options.includeMessages ?? true,
			includeRawResponse: options.includeRawResponse ?? false,
		},
	};
}
