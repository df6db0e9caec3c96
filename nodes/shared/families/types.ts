import type { IDataObject } from 'n8n-workflow';

import type { ChatMessage } from '../conversation';

export type ApiFormat = 'openai' | 'anthropic' | 'gemini';

/** Token counts in one shape, whichever provider answered. */
export type Usage = {
	promptTokens: number | null;
	completionTokens: number | null;
	totalTokens: number | null;
};

/** Reads one provider's answer shape; each method is undefined for a body not in that shape. */
export interface AnswerReader {
	readReply(body: IDataObject): string | undefined;
	readUsage(body: IDataObject): Usage | undefined;
	/** The provider's own value (finish_reason, stop_reason, finishReason), never translated. */
	readFinishReason(body: IDataObject): string | undefined;
}

/** A model family: the request format its models take, and the answer shape they give. */
export interface ModelFamily extends AnswerReader {
	format: ApiFormat;
	/** The body fields that carry the conversation in this family's format. */
	conversationFields(conversation: ChatMessage[]): IDataObject;
}
