import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	apiFormatFor,
	buildChatBody,
	checkConversation,
	readBodySettings,
	type BodyOptions,
} from '../../../shared/apiFormats';
import { attempt, attemptAsync, BadInput } from '../../../shared/badInput';
import { DEFAULT_MODEL } from '../../../shared/constants';
import {
	toChatMessage,
	toMessageList,
	withSystemMessage,
	type ChatMessage,
} from '../../../shared/conversation';
import { readPath } from '../../../shared/itemPath';
import { pollIntervalOption, requestModeOption } from '../../../shared/options/queueOptions';
import type { ApiRoot } from '../../../shared/transport/baseUrl';
import { jobPerItem, oneRequest, prepareJob, type Job, type JobWork } from '../../jobs/Job';
import type { Action } from '../Action';
import { requestOptions } from '../commonOptions';
import { messageOutput, queuedMessageOutput } from '../output';
import {
	checkImages,
	imageFieldNames,
	readTurnImages,
	withImagesOnLastUserMessage,
	type PendingTurn,
} from './images';
import { messageFields } from './messageFields';
import { messageOptions } from './messageOptions';

type InputMode = 'define' | 'field' | 'items';

interface MessageOptions extends BodyOptions {
	systemMessage?: string;
	model?: string;
	apiFormat?: unknown;
	imageFields?: unknown;
	includeMessages?: boolean;
	includeRawResponse?: boolean;
	requestMode?: 'sync' | 'queue';
}

/** The binary properties an item's options name as images. */
const imageNamesOf = (context: IExecuteFunctions, itemIndex: number) =>
	imageFieldNames(context.getNodeParameter('options.imageFields', itemIndex, ''));

/** Message the Model: one conversation per input item, or one for all of them. */
export const message: Action = {
	operation: {
		name: 'Message the Model',
		value: 'message',
		description: 'Send a conversation and get the assistant reply',
		action: 'Message the model',
	},
	subtitle: `"Message " + ($parameter["options"]["model"] || "${DEFAULT_MODEL}")`,
	fields: messageFields,
	options: [...messageOptions, requestModeOption, pollIntervalOption, ...requestOptions],
	jobs(context, items, apiRoot) {
		const inputMode = context.getNodeParameter('inputMode', 0) as InputMode;
		if (inputMode === 'items') {
			return { count: 1, build: () => conversationOfItems(context, items, apiRoot) };
		}
		const listName = inputMode === 'field' ? 'messagesField' : 'messages';
		return jobPerItem(
			items.length,
			(itemIndex) => {
				const list =
					inputMode === 'field'
						? context.getNodeParameter('messagesField', itemIndex)
						: context.getNodeParameter('messages.values', itemIndex, []);
				const images = checkImages(items[itemIndex], itemIndex, imageNamesOf(context, itemIndex));
				const turns = withImagesOnLastUserMessage(toMessageList(list, listName), images);
				return chatRequest(context, itemIndex, turns, listName, apiRoot);
			},
			apiRoot.refused,
		);
	},
};

/** All items make one conversation; a bad item fails it, and the error names that item. */
function conversationOfItems(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	apiRoot: ApiRoot,
): Job {
	const pairedItem = items.map((_, item) => ({ item }));
	const messages: PendingTurn[] = [];
	for (const [itemIndex, item] of items.entries()) {
		const read = attempt(() => messageOfItem(context, item, itemIndex));
		if ('failure' in read) return { itemIndex, pairedItem, badInput: read.failure };
		messages.push(read.value);
	}
	return prepareJob(
		0,
		pairedItem,
		() => chatRequest(context, 0, messages, 'messages', apiRoot),
		apiRoot.refused,
	);
}

/** An item's message, with the images it carries (an item without them has none). */
function messageOfItem(
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

/**
 * The request for one conversation, and how its answer becomes the output item. Everything is
 * checked now; the images are read only when the request is about to go.
 */
function chatRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	messages: PendingTurn[],
	listName: string,
	apiRoot: ApiRoot,
): JobWork {
	const options = context.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const model = (options.model ?? DEFAULT_MODEL).trim();
	if (model === '') throw new BadInput('model is empty: name a Segmind model slug such as gpt-4o');
	const apiFormat = apiFormatFor(options.apiFormat, model);
	const conversation = withSystemMessage(messages, options.systemMessage ?? '', listName);
	checkConversation(apiFormat, conversation, listName);
	const settings = readBodySettings(apiFormat, options);
	const outputOptions = {
		messages: conversation.map(textOnly),
		model,
		apiFormat: apiFormat.name,
		jsonReply: settings.named.response_format !== undefined,
		includeMessages: options.includeMessages ?? true,
		includeRawResponse: options.includeRawResponse ?? false,
	};
	const url = `${apiRoot.root}/v1/${encodeURIComponent(model)}`;
	return async (transport) => {
		const turns = await attemptAsync(async () => await readTurnImages(context, conversation));
		if ('failure' in turns) return { badInput: turns.failure };
		const body = buildChatBody(apiFormat, turns.value, settings);
		if (options.requestMode === 'queue') {
			const result = await transport.submitAndCollect({ root: apiRoot.root, model, body });
			return result && queuedMessageOutput(result, outputOptions);
		}
		return await oneRequest({ method: 'POST', url, body }, (outcome) =>
			messageOutput(outcome, outputOptions),
		)(transport);
	};
}
