// The API formats Segmind passes through: for each, the request body its models take and the
// answer they give. Code outside this folder imports from here only.
export { anthropic } from './anthropic';
export { gemini } from './gemini';
export { textOf } from './messageText';
export { openAi } from './openai';
export {
	API_FORMAT_OPTIONS,
	API_FORMATS,
	apiFormatFor,
	readFinishReason,
	readN8nFinishReason,
	readReply,
	readUsage,
	type ApiFormatName,
} from './registry';
export {
	buildChatBody,
	checkConversation,
	parseExtraBody,
	readBodySettings,
	type BodyOptions,
	type BodySettings,
} from './requestBody';
export {
	ROLES,
	type ApiFormat,
	type ChatMessage,
	type ChatTurn,
	type InlineImage,
	type Role,
	type ToolSchemaOf,
	type Usage,
} from './types';
