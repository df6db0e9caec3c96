import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { attempt, BadInput } from '../../../shared/badInput';
import { DEFAULT_MODEL } from '../../../shared/constants';
import {
	toChatMessage,
	toMessageList,
	withSystemMessage,
	type ChatMessage,
} from '../../../shared/conversation';
import { openAi } from '../../../shared/families/openai';
import { buildChatBody } from '../../../shared/families/requestBody';
import { readPath } from '../../../shared/itemPath';
import type { ApiRoot } from '../../../shared/transport/baseUrl';
import { jobPerItem, oneRequest, prepareJob, type Job, type JobWork } from '../../jobs/Job';
import type { Action } from '../Action';
import { requestOptions } from '../commonOptions';
import { messageOutput, queuedMessageOutput } from '../output';
import { pollIntervalOption, requestModeOption } from '../queue/queueOptions';
import { messageFields } from './messageFields';
import { messageOptions } from './messageOptions';

type InputMode = 'define' | 'field' | 'items';

interface MessageOptions {
	systemMessage?: string;
	model?: string;
	temperature?: number;
	maxTokens?: number;
	extraBody?: unknown;
	includeMessages?: boolean;
	includeRawResponse?: boolean;
	requestMode?: 'sync' | 'queue';
}

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
				return chatRequest(context, itemIndex, toMessageList(list, listName), listName, apiRoot);
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
	const messages: ChatMessage[] = [];
	for (const [itemIndex, item] of items.entries()) {
		const read = attempt(() => messageOfItem(context, item.json, itemIndex));
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

function messageOfItem(context: IExecuteFunctions, json: IDataObject, itemIndex: number) {
	const roleField = String(context.getNodeParameter('roleField', itemIndex, 'role'));
	const contentField = String(context.getNodeParameter('contentField', itemIndex, 'content'));
	return toChatMessage(
		readPath(json, roleField),
		readPath(json, contentField),
		roleField,
		contentField,
	);
}

/** The request for one conversation, and how its answer becomes the output item. */
function chatRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	messages: ChatMessage[],
	listName: string,
	apiRoot: ApiRoot,
): JobWork {
	const options = context.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const model = (options.model ?? DEFAULT_MODEL).trim();
	if (model === '') throw new BadInput('model is empty: name a Segmind model slug such as gpt-4o');
	const conversation = withSystemMessage(messages, options.systemMessage ?? '', listName);
	const body = buildChatBody(openAi, conversation, options);
	const outputOptions = {
		messages: conversation,
		model,
		includeMessages: options.includeMessages ?? true,
		includeRawResponse: options.includeRawResponse ?? false,
	};
	if (options.requestMode === 'queue') {
		return async ({ submitAndCollect }) => {
			const result = await submitAndCollect({ root: apiRoot.root, model, body });
			return result && queuedMessageOutput(result, outputOptions);
		};
	}
	return oneRequest(
		{ method: 'POST', url: `${apiRoot.root}/v1/${encodeURIComponent(model)}`, body },
		(outcome) => messageOutput(outcome, outputOptions),
	);
}
