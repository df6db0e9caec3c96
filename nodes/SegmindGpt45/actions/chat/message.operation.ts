import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_MODEL } from '../../../shared/constants';
import {
	BadInput,
	readPath,
	toChatMessage,
	toMessageList,
	withSystemMessage,
	type ChatMessage,
} from '../../../shared/conversation';
import { attempt, jobPerItem, prepareJob, type Job, type JobSource } from '../../jobs/Job';
import { messageOutput } from '../output';
import { buildChatBody } from '../../../shared/families/openai';
import type { ApiRoot } from '../../../shared/transport/baseUrl';

type InputMode = 'define' | 'field' | 'items';

interface MessageOptions {
	systemMessage?: string;
	model?: string;
	temperature?: number;
	maxTokens?: number;
	extraBody?: unknown;
	includeMessages?: boolean;
	includeRawResponse?: boolean;
}

/** One job per input item, or one for all of them in "Input Items as One Conversation". */
export function messageJobs(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	apiRoot: ApiRoot,
): JobSource {
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
}

/** All items make one conversation; a bad item fails it, and the error names that item. */
function conversationOfItems(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	apiRoot: ApiRoot,
): Job {
	const pairedItem = items.map((_, item) => ({ item }));
	const messages: ChatMessage[] = [];
	for (const [itemIndex, item] of items.entries()) {
		const message = attempt(() => messageOfItem(context, item.json, itemIndex));
		if ('failure' in message) return { itemIndex, pairedItem, badInput: message.failure };
		messages.push(message.value);
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

function chatRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	messages: ChatMessage[],
	listName: string,
	apiRoot: ApiRoot,
) {
	const options = context.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const model = (options.model ?? DEFAULT_MODEL).trim();
	if (model === '') throw new BadInput('model is empty: name a Segmind model slug such as gpt-4o');
	const conversation = withSystemMessage(messages, options.systemMessage ?? '', listName);
	const body = buildChatBody(conversation, options);
	const outputOptions = {
		messages: conversation,
		model,
		includeMessages: options.includeMessages ?? true,
		includeRawResponse: options.includeRawResponse ?? false,
	};
	return {
		request: {
			method: 'POST' as const,
			url: `${apiRoot.root}/v1/${encodeURIComponent(model)}`,
			body,
		},
		toOutput: (outcome: Parameters<typeof messageOutput>[0]) =>
			messageOutput(outcome, outputOptions),
	};
}
