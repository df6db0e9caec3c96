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

import { parseBody } from '../shared/client';
import type { ChatMessage } from '../shared/conversation';
import { readFinishReason, readReply, readUsage } from '../shared/families/answer';
import { buildChatBody, type BodySettings } from '../shared/families/requestBody';
import type { ModelFamily, Usage } from '../shared/families/types';
import type { StatusOutput, ApiOutcome } from '../shared/client';
import { isObject } from '../shared/values';
import { toFinishReason } from './finishReason';
import { textOf, toOpenAiMessages, toOpenAiTools, type ToolSchemaOf } from './openAiMessages';
import { readToolCalls } from './toolCalls';

/** What the model is given by the node when n8n asks for it: no n8n or SDK value is needed here. */
export interface ModelSetup {
	slug: string;
	family: ModelFamily;

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

/** The conversation as text messages, for the formats that take no tools. */
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
		const { family, ask, failure, cancelled } = this.setup;
		const answered = await ask(this.body(messages));
		if (!answered) throw cancelled();
		const { outcome, status } = answered;
		if (!status.success || !outcome.answered) throw failure(status);

		const answer = parseBody(outcome.body);
		// Only the OpenAI format sends tools, so only its answers can call them.
		const toolCalls = family.format === 'openai' ? readToolCalls(answer, messages.length) : [];
		// A queued answer whose output was not JSON is the reply text itself.
		const text = (typeof answer === 'string' ? answer : readReply(answer)) ?? '';
		const content: MessageContent[] = [...toolCalls];
		if (text !== '' || toolCalls.length === 0) content.push({ type: 'text', text });
		const usage = readUsage(answer);
		const id = isObject(answer) && typeof answer.id === 'string' ? answer.id : undefined;
		return {
			...(id !== undefined && { id }),
			finishReason: toolCalls.length > 0 ? 'tool-calls' : toFinishReason(readFinishReason(answer)),
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

	/** The family's body; the OpenAI format also carries the tools and the tool round trip. */
	private body(messages: Message[]): IDataObject {
		const { family, bodySettings, schemaOf } = this.setup;
		const body = buildChatBody(family, textConversation(messages), bodySettings);
		if (family.format !== 'openai') return body;
		// The neutral conversation has no tool turns: OpenAI's own messages replace it.
		body.messages = toOpenAiMessages(messages);
		const tools = toOpenAiTools(this.tools, schemaOf);
		if (tools.length > 0) body.tools = tools;
		return body;
	}
}
