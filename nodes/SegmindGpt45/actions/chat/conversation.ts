import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	ROLES,
	type ChatMessage,
	type ChatTurn,
	type InlineImage,
	type Role,
} from '../../../shared/apiFormats';
import { attemptAsync, BadInput } from '../../../shared/badInput';
import { knownSize, mebibytes } from '../../../shared/inputs';
import { describeValue, parseJsonText } from '../../../shared/values';

// An item's conversation: its messages, checked, and the images that go with them.

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

const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** An image found in an item's binary data and checked by its metadata; its bytes are read later. */
export interface ImageRef {
	itemIndex: number;
	property: string;
	mimeType: string;
}

/** A message with the images that go with it, not read yet. */
export type PendingTurn = ChatMessage & { imageRefs?: ImageRef[] };

/** The binary property names the imageFields option lists ("data, photo"); none when empty. */
export function imageFieldNames(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (typeof value !== 'string') {
		throw new BadInput(
			`imageFields must be binary property names separated by commas, not ${describeValue(value)}`,
		);
	}
	return value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

const tooLarge = (property: string, bytes: number) =>
	new BadInput(
		`imageFields: binary property "${property}" is ${mebibytes(bytes)}, more than the 20 MiB an image may be`,
	);

/** Checks one named binary property of an item: present, an image, not too large. */
export function checkImage(
	item: INodeExecutionData,
	itemIndex: number,
	property: string,
): ImageRef {
	const binary = item.binary?.[property];
	if (!binary) {
		const present = Object.keys(item.binary ?? {});
		throw new BadInput(
			`imageFields: the item has no binary property "${property}" (${
				present.length
					? `it has ${present.map((name) => `"${name}"`).join(', ')}`
					: 'it has no binary data'
			})`,
		);
	}
	const mimeType = String(binary.mimeType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!IMAGE_MIME_TYPES.includes(mimeType)) {
		throw new BadInput(
			`imageFields: binary property "${property}" is ${mimeType || 'of no MIME type'}, not an image (PNG, JPEG, GIF or WebP)`,
		);
	}
	const size = knownSize(binary);
	if (size !== undefined && size > MAX_IMAGE_BYTES) throw tooLarge(property, size);
	return { itemIndex, property, mimeType };
}

/** The images an item names, checked, in the order named. */
export const checkImages = (item: INodeExecutionData, itemIndex: number, names: string[]) =>
	names.map((property) => checkImage(item, itemIndex, property));

/** Reads an image's bytes through n8n's binary helpers, whatever its binary-data mode. */
async function readImage(context: IExecuteFunctions, ref: ImageRef): Promise<InlineImage> {
	const read = await attemptAsync(
		async () => await context.helpers.getBinaryDataBuffer(ref.itemIndex, ref.property),
	);
	if ('failure' in read) {
		throw new BadInput(
			`imageFields: binary property "${ref.property}" could not be read: ${read.failure}`,
		);
	}
	const buffer = read.value;
	if (buffer.length > MAX_IMAGE_BYTES) throw tooLarge(ref.property, buffer.length);
	return { mimeType: ref.mimeType, data: buffer.toString('base64') };
}

/**
 * The turns with their images read. Done as the request is about to go, not when the job is
 * built ahead: only the images of requests in flight are held in memory.
 */
export async function readTurnImages(
	context: IExecuteFunctions,
	turns: PendingTurn[],
): Promise<ChatTurn[]> {
	const read: ChatTurn[] = [];
	for (const { imageRefs, ...message } of turns) {
		if (!imageRefs?.length) {
			read.push(message);
			continue;
		}
		const images: InlineImage[] = [];
		for (const ref of imageRefs) images.push(await readImage(context, ref));
		read.push({ ...message, images });
	}
	return read;
}

/** Define and field modes: the item's images go with the last user message of its conversation. */
export function withImagesOnLastUserMessage(
	conversation: ChatMessage[],
	imageRefs: ImageRef[],
): PendingTurn[] {
	if (imageRefs.length === 0) return conversation;
	const last = conversation.map((message) => message.role).lastIndexOf('user');
	if (last === -1) {
		throw new BadInput(
			'imageFields: images go with a user message, and this conversation has none',
		);
	}
	return conversation.map((message, index) =>
		index === last ? { ...message, imageRefs } : message,
	);
}
