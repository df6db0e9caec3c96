import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../../shared/constants';
import { checkBaseUrl, type ApiRoot } from '../../shared/transport/baseUrl';

export interface RunSettings {
	apiErrors: 'output' | 'throw';
	timeoutMs: number;
	maxRetries: number;
	concurrency: number;
	requestsPerMinute: number;
}

const wholeAtLeast = (value: unknown, minimum: number, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value)
		? Math.max(minimum, Math.floor(value))
		: fallback;

/** The options that shape the whole run, read once (from the first item). */
export function readRunSettings(context: IExecuteFunctions): RunSettings {
	const options = context.getNodeParameter('options', 0, {}) as Partial<Record<string, unknown>>;
	return {
		apiErrors: options.apiErrors === 'throw' ? 'throw' : 'output',
		timeoutMs: wholeAtLeast(options.timeout, 1, 120_000),
		maxRetries: Math.min(wholeAtLeast(options.maxRetries, 0, 2), 10),
		concurrency: wholeAtLeast(options.concurrency, 1, 5),
		requestsPerMinute:
			typeof options.requestsPerMinute === 'number' && options.requestsPerMinute > 0
				? options.requestsPerMinute
				: 0,
	};
}

/**
 * The credential, decrypted once for the whole run (n8n would otherwise decrypt it again for
 * every request), and the API root it names, or why that root is refused.
 */
export async function readCredential(
	context: IExecuteFunctions,
): Promise<{ credential: ICredentialsDecrypted; apiRoot: ApiRoot }> {
	const data = await context.getCredentials(CREDENTIAL_NAME);
	const { id, name } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
	return {
		credential: { id: id ?? '', name: name ?? '', type: CREDENTIAL_NAME, data },
		apiRoot: checkBaseUrl(data.baseUrl ?? 'https://api.segmind.com'),
	};
}
