import type { IDataObject } from 'n8n-workflow';

import { BadInput } from './badInput';
import { parseJsonText, describeValue } from './values';

export const ROLES = ['user', 'assistant', 'system'] as const;

export type Role = (typeof ROLES)[number];

export type ChatMessage = {
	role: Role;
	content: string;
};

/** Checks a role and a content read from `roleName` and `contentName`. */
export function toChatMessage(
	role: unknown,
	content: unknown,
	roleName: string,
	contentName: string,
): ChatMessage {
	if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
		throw new BadInput(`${roleName} must be user, assistant or system, not ${describeValue(role)}`);
	}
	if (typeof content !== 'string') {
		throw new BadInput(`${contentName} must be text, not ${describeValue(content)}`);
	}
	if (content.trim() === '') {
		throw new BadInput(`${contentName} is empty: a message needs some text`);
	}
	return { role: role as Role, content };
}

/**
 * A list of {role, content} objects named `name` in errors (messages or messagesField); a JSON
 * string of one is accepted, as fields often carry JSON text.
 */
export function toMessageList(value: unknown, name: string): ChatMessage[] {
	let list = value;
	if (typeof list === 'string') {
		const parsed = parseJsonText(list);
		if (!parsed) {
			throw new BadInput(
				`${name} must be an array of {role, content} messages or a JSON string of one, not text that is not JSON`,
			);
		}
		list = parsed.value;
	}
	if (!Array.isArray(list)) {
		throw new BadInput(
			`${name} must be an array of {role, content} messages or a JSON string of one, not ${describeValue(list)}`,
		);
	}
	return list.map((entry: unknown, index) => {
		const path = `${name}[${index}]`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new BadInput(`${path} must be a {role, content} object, not ${describeValue(entry)}`);
		}
		const { role, content } = entry as IDataObject;
		return toChatMessage(role, content, `${path}.role`, `${path}.content`);
	});
}

/** The conversation as sent: an optional system message first, never empty. */
export function withSystemMessage<T extends ChatMessage>(
	messages: T[],
	systemMessage: string,
	name: string,
): Array<T | ChatMessage> {
	const conversation: Array<T | ChatMessage> = systemMessage.trim()
		? [{ role: 'system', content: systemMessage }, ...messages]
		: messages;
	if (conversation.length === 0) {
		throw new BadInput(`${name} is empty: the conversation needs at least one message`);
	}
	return conversation;
}
