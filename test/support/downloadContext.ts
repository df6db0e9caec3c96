import 'reflect-metadata';
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { SegmindClient, type ClientSettings } from '../../nodes/shared/client';
import { SECRET_API_KEY } from './segmindNock';

const clientSettings = (settings: Partial<ClientSettings> = {}): ClientSettings => ({
	timeoutMs: 10_000,
	maxRetries: 2,
	rateLimitWaitMs: 120_000,
	pollIntervalMs: 1000,
	requestsPerMinute: 0,
	...settings,
});

interface DownloadContextOptions {
	baseUrl?: string;
	signal?: AbortSignal;
	/** An httpRequest that takes no abort signal, as older n8n versions have. */
	withoutAbortSignal?: boolean;
}

/**
 * A node's run as far as downloads need one: n8n's own httpRequest (the function behind
 * `this.helpers.httpRequest`, axios), a cancel signal, and the credential. Every request it is
 * asked for is kept; httpRequestWithAuthentication throws, since downloads must never use it.
 */
function downloadContext({
	baseUrl = 'https://api.segmind.com',
	signal,
	withoutAbortSignal = false,
}: DownloadContextOptions = {}) {
	const request = Container.get(OutboundHttp).requests().request;
	const requests: IHttpRequestOptions[] = [];
	const context = {
		getCredentials: async () => ({ apiKey: SECRET_API_KEY, baseUrl }),
		getNode: () => ({ credentials: { segmindApi: { id: 'credential-1', name: 'Segmind' } } }),
		getExecutionCancelSignal: () => signal,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				requests.push(options);
				const { abortSignal, ...rest } = options;
				return await request(withoutAbortSignal ? rest : { ...rest, abortSignal });
			},
			httpRequestWithAuthentication: async () => {
				throw new Error('a download went through the credential');
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests };
}

/** A client on `baseUrl`, as a run creates it. */
export async function downloadClient(
	options: DownloadContextOptions & { settings?: Partial<ClientSettings> } = {},
) {
	const { context, requests } = downloadContext(options);
	const created = await SegmindClient.create(context, clientSettings(options.settings));
	if ('refused' in created) throw new Error(created.refused);
	return { client: created.client, context, requests };
}

/** A store step that reads the body whole (tests only: the module's own store streams it). */
export const collectBody = async ({ body }: { body: AsyncIterable<Buffer> }) => {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(chunk);
	return Buffer.concat(chunks);
};
