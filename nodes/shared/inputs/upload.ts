import {
	isSuccess,
	parseBody,
	statusOutputOf,
	type ApiOutcome,
	type SegmindClient,
	type StatusOutput,
} from '../client';
import { isObject } from '../values';

/** The statusMessage of a 2xx upload answer without a file URL. */
const NO_FILE_URL = 'The answer carried no file URL';

// The keys the storage answers with: the SDK's, the docs', and a single URL.
const URL_KEYS = ['file_urls', 'urls', 'url'];

/** What one upload came to: the files' URLs, or the status of its failure. */
export type UploadResult =
	| { uploaded: true; urls: string[]; status: StatusOutput; response: unknown }
	| { uploaded: false; status: StatusOutput & { error: string }; response: unknown };

/** The file URLs of an upload answer, from `file_urls`, `urls` or `url`; undefined when it has none. */
export function readFileUrls(body: unknown): string[] | undefined {
	const answer = parseBody(body);
	if (!isObject(answer)) return undefined;
	for (const key of URL_KEYS) {
		const value = answer[key];
		const urls = (Array.isArray(value) ? value : [value]).filter(
			(url): url is string => typeof url === 'string' && url !== '',
		);
		if (urls.length > 0) return urls;
	}
	return undefined;
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/**
 * Uploads files to Segmind's storage in one request, `{"data_urls": [...]}`. An upload bills
 * nothing, so it is sent again after a 5xx, a timeout or a failed connection (up to maxRetries) and
 * after a 429 (within rateLimitWait). Resolves undefined when the run stopped first.
 */
export async function uploadDataUris(
	client: SegmindClient,
	dataUris: string[],
): Promise<UploadResult | undefined> {
	const outcome = await client.sendUnbilledWrite({
		method: 'POST',
		url: client.urls.upload,
		body: { data_urls: dataUris },
	});
	if (!outcome) return undefined;
	return uploadResultOf(outcome);
}

/** An upload's answer read: its URLs, or a failure (a 2xx with no URL is `http_error`). */
export function uploadResultOf(outcome: ApiOutcome): UploadResult {
	const status = statusOutputOf(outcome);
	const response = outcome.answered ? parseBody(outcome.body) : undefined;
	if (!isSuccess(outcome)) {
		return { uploaded: false, status: { ...status, error: status.error ?? '' }, response };
	}
	const urls = readFileUrls(response);
	if (urls) return { uploaded: true, urls, status, response };
	return {
		uploaded: false,
		status: {
			...status,
			success: false,
			status: 'http_error',
			statusMessage: NO_FILE_URL,
			error: `The upload answer carried none of file_urls, urls and url: ${clip(
				typeof response === 'string' ? response : (JSON.stringify(response) ?? ''),
			)}`,
		},
		response,
	};
}
