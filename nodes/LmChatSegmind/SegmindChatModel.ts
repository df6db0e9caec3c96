import type {
	ChatModel,
	GenerateResult,
	Message,
	MessageContent,
	StreamChunk,
	TokenUsage,
	Tool,
} from '@n8n/ai-node-sdk';
import type { IDataObject } from 'n8n-workflow';

import {
	buildChatBody,
	readN8nFinishReason,
	readReply,
	readUsage,
	textOf,
} from '../shared/apiFormats';
import { parseBody, type ApiOutcome, type StatusOutput } from '../shared/client';
import type {
	ChatMessage,
	ApiFormat,
	BodySettings,
	ToolSchemaOf,
	Usage,
} from '../shared/apiFormats';
import { isObject } from '../shared/values';

/** What the model is given by the node when n8n asks for it: no n8n or SDK value is needed here. */
export interface ModelSetup {
	slug: string;
	apiFormat: ApiFormat;

	/** The body fields besides the conversation (extraBody, temperature, max_tokens). */
	bodySettings: BodySettings;
	/**
	 * Sends a body and waits for its answer (one request, or Segmind's queue), retried as the
	 * Segmind node retries; undefined when the execution was cancelled.
	 */
	ask: (body: IDataObject) => Promise<Answered | undefined>;
	/** The error a failed request raises (the Segmind node's "Stop With an Error" one). */
	failure: (output: StatusOutput) => Error;
	cancelled: () => Error;
	schemaOf: ToolSchemaOf;
}

/** What a request came to: the answer that ended it, and the output status it stands for. */
export interface Answered {
	outcome: ApiOutcome;
	status: StatusOutput;
}

/** The conversation as text messages, for the API formats that take no tools. */
const textConversation = (messages: Message[]): ChatMessage[] =>
	messages.flatMap((message) => {
		const content = textOf(message.content);
		if (message.role === 'tool' || content.trim() === '') return [];
		return [{ role: message.role, content }];
	});

const toTokenUsage = ({ promptTokens, completionTokens, totalTokens }: Usage): TokenUsage => ({
	promptTokens: promptTokens ?? 0,
	completionTokens: completionTokens ?? 0,
	totalTokens: totalTokens ?? (promptTokens ?? 0) + (completionTokens ?? 0),
});

/**
 * A Segmind model for n8n's AI nodes. It implements the SDK's ChatModel rather than extending its
 * BaseChatModel, so that loading this file needs no SDK: n8n 1.x has none, and loads every node
 * file of the package.
 */
export class SegmindChatModel implements ChatModel {
	readonly provider = 'segmind';

	readonly modelId: string;

	constructor(
		private readonly setup: ModelSetup,
		private readonly tools: Tool[] = [],
	) {
		this.modelId = setup.slug;
	}

	withTools(tools: Tool[]): ChatModel {
		return new SegmindChatModel(this.setup, [...this.tools, ...tools]);
	}

	async generate(messages: Message[]): Promise<GenerateResult> {
		const { apiFormat, ask, failure, cancelled } = this.setup;
		const answered = await ask(this.body(messages));
		if (!answered) throw cancelled();
		const { outcome, status } = answered;
		if (!status.success || !outcome.answered) throw failure(status);

		const answer = parseBody(outcome.body);
		// Only a format that sends tools has answers that call them.
		const toolCalls = apiFormat.tools?.readToolCalls(answer, messages.length) ?? [];
		// A queued answer whose output was not JSON is the reply text itself.
		const text = (typeof answer === 'string' ? answer : readReply(answer)) ?? '';
		const content: MessageContent[] = [...toolCalls];
		if (text !== '' || toolCalls.length === 0) content.push({ type: 'text', text });
		const usage = readUsage(answer);
		const id = isObject(answer) && typeof answer.id === 'string' ? answer.id : undefined;
		return {
			...(id !== undefined && { id }),
			finishReason: toolCalls.length > 0 ? 'tool-calls' : readN8nFinishReason(answer),
			...(usage && { usage: toTokenUsage(usage) }),
			message: { role: 'assistant', content },
			rawResponse: answer,
		};
	}

	/** Segmind's chat endpoint answers whole: a stream is that answer in one piece. */
	async *stream(messages: Message[]): AsyncIterable<StreamChunk> {
		const result = await this.generate(messages);
		for (const part of result.message.content) {
			if (part.type === 'text' && part.text !== '') yield { type: 'text-delta', delta: part.text };
			if (part.type === 'tool-call') {
				yield {
					type: 'tool-call-delta',
					id: part.toolCallId,
					name: part.toolName,
					argumentsDelta: part.input,
				};
			}
		}
		yield { type: 'finish', finishReason: result.finishReason ?? 'stop', usage: result.usage };
	}

	/** The API format's body; a format that carries tools has them and the tool round trip too. */
	private body(messages: Message[]): IDataObject {
		const { apiFormat, bodySettings, schemaOf } = this.setup;
		const body = buildChatBody(apiFormat, textConversation(messages), bodySettings);
		if (!apiFormat.tools) return body;
		// The neutral conversation has no tool turns: the format's own messages replace it.
		return { ...body, ...apiFormat.tools.toolFields(messages, this.tools, schemaOf) };
	}
}
