// Type only: the package loads on n8n 1.x, which has no AI node SDK.
import type { ContentToolCall, FinishReason, Message, Tool } from '@n8n/ai-node-sdk';
import type { IDataObject } from 'n8n-workflow';

/** The roles of a conversation's messages, whatever the API format. */
export const ROLES = ['user', 'assistant', 'system'] as const;

export type Role = (typeof ROLES)[number];

/** A message as the nodes keep it, whatever the API format: the output shows these. */
export type ChatMessage = {
	role: Role;
	content: string;
};

/** An image as sent: its MIME type and its bytes in base64. */
export type InlineImage = { mimeType: string; data: string };

/** A message as an API format's body carries it: the neutral message, plus the images that go with it. */
export type ChatTurn = ChatMessage & { images?: InlineImage[] };

/** Token counts in one shape, whichever provider answered. */
export type Usage = {
	promptTokens: number | null;
	completionTokens: number | null;
	totalTokens: number | null;
};

/**
 * Reads one provider's answer shape (each method is undefined for a body not in that shape), and
 * translates its finish reasons.
 */
export interface AnswerReader {
	readReply(body: IDataObject): string | undefined;
	readUsage(body: IDataObject): Usage | undefined;
	/** The provider's own value (finish_reason, stop_reason or finishReason), never translated. */
	readFinishReason(body: IDataObject): string | undefined;
	/** Its finish reasons in n8n's words (for n8n's AI nodes); one not here is n8n's `other`. */
	finishReasons: Readonly<Record<string, FinishReason>>;
}

/** A function tool's parameters as JSON Schema (the SDK converts Zod and JSON schemas alike). */
export type ToolSchemaOf = (tool: Extract<Tool, { type: 'function' }>) => unknown;

/** How an API format carries the tools of n8n's AI nodes, and the calls its answers make. */
interface ToolCalling {
	/**
	 * The body fields for n8n's conversation with its tool round trip (they replace the text-only
	 * conversation's), and for the tools, when there are any.
	 */
	toolFields(messages: Message[], tools: Tool[], schemaOf: ToolSchemaOf): IDataObject;
	/** The tool calls of an answer; `turn` (how many messages were sent) makes ids for calls without. */
	readToolCalls(body: unknown, turn: number): ContentToolCall[];
}

/**
 * An API format: the request body a model takes (Segmind passes each provider's own format
 * through), and the answer shape it gives back. `name` is its value of the apiFormat option.
 */
export interface ApiFormat<Name extends string = string> extends AnswerReader {
	name: Name;
	/** How errors and descriptions name it, e.g. "Anthropic Claude". */
	label: string;
	/** Its entry in the editor's API Format list: `label` shown, `name` the value, this below it. */
	optionDescription: string;
	/**
	 * Under `auto`, slugs that begin with it (in any case) take this format; lower case. The one
	 * format without it, OpenAI's, takes every slug no other format claims.
	 */
	slugPrefix?: string;
	/**
	 * Whether its models take a JSON object reply (`response_format: {type: "json_object"}`); a
	 * JSON schema every format takes. Claude's take only a schema.
	 */
	takesJsonObject: boolean;
	/** Whether the system text travels apart from the messages (so a turn is needed besides it). */
	systemApart: boolean;
	/** The body fields that carry the conversation in this format. */
	conversationFields(conversation: ChatTurn[]): IDataObject;
	/** Only in a format that carries tools; without, n8n's AI nodes send the conversation as text. */
	tools?: ToolCalling;
}
