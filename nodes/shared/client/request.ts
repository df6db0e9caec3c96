import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	ISupplyDataFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../constants';
import { settleStreamedAnswer } from './mediaBody';

/** What one request came to: an answer with any status, or none at all. */
export type ApiOutcome = ApiAnswer | NoAnswer;

export interface ApiAnswer {
	answered: true;
	statusCode: number;
	reasonPhrase: string;
	headers: IDataObject;
	body: unknown;
}

export interface NoAnswer {
	answered: false;
	/** timeout: the request may have reached the API; network: it failed on the way. */
	kind: 'timeout' | 'network';
	/** The system error code (ECONNREFUSED, ECONNRESET, ...) when there is one. */
	code: string;
	/** Text for the user, e.g. "connect ECONNREFUSED 127.0.0.1:1". */
	message: string;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject;
	/**
	 * The answer may be a file (a media model's v1 run): the body is streamed, a 2xx file body
	 * comes back as a stream, and any other body is read as its Content-Type says.
	 */
	media?: boolean;
}

/**
 * What can send a request: a node's run, a sub-node supplying a model, a trigger's poll, or the
 * editor loading a list.
 */
export type RequestContext =
	| IExecuteFunctions
	| ISupplyDataFunctions
	| IPollFunctions
	| ILoadOptionsFunctions;

/** The execution's cancel signal; a poll and the editor's list loading have none (n8n-core checks the same way). */
export const cancelSignalOf = (context: RequestContext): AbortSignal | undefined =>
	'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;

/**
 * The request's body and how its answer is read. A media run's body goes as JSON text (so an
 * empty object is still sent) and its answer as a stream; any other request is JSON both ways.
 */
function bodyOf({ body, media }: ApiRequest) {
	if (media !== true) return { body, json: true };
	return {
		body: JSON.stringify(body ?? {}),
		headers: { 'content-type': 'application/json' },
		json: false,
		encoding: 'stream' as const,
	};
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Sends one request through n8n's authenticated HTTP helper; never throws for a failure. */
export async function sendRequest(
	context: RequestContext,
	request: ApiRequest,
	timeoutMs: number,
	credential: ICredentialsDecrypted,
): Promise<ApiOutcome> {
	const startedAt = Date.now();
	const signal = cancelSignalOf(context);
	try {
		const response = await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_NAME,
			{
				method: request.method,
				url: request.url,
				...bodyOf(request),
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A redirect could carry the key to another host, or over plain http: Segmind does not
				// redirect, so one is reported as the answer it is.
				disableFollowRedirect: true,
				timeout: timeoutMs,
				abortSignal: signal,
			},
			{ credentialsDecrypted: credential },
		);
		const answer: ApiAnswer = {
			answered: true,
			statusCode: response.statusCode,
			reasonPhrase: response.statusMessage ?? '',
			headers: response.headers ?? {},
			body: response.body,
		};
		if (request.media !== true) return answer;
		// Reading the body counts within the request's time.
		const settled = await settleStreamedAnswer(
			answer,
			timeoutMs - (Date.now() - startedAt),
			signal,
		);
		return settled === 'expired' ? timedOut(timeoutMs) : settled;
	} catch (error) {
		return describeNoAnswer(error, timeoutMs);
	}
}

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	cause?: unknown;
	errors?: unknown;
}

/**
 * n8n wraps the HTTP client's error in a NodeApiError whose message it rewrites, and whose
 * request config holds the API key: only the system error's code and text are kept.
 */
export function describeNoAnswer(error: unknown, timeoutMs: number): NoAnswer {
	const chain: ErrorLike[] = [];
	for (let link = error as ErrorLike | undefined; link && chain.length < 6; ) {
		chain.push(link);
		const next = (link.cause ?? (Array.isArray(link.errors) ? link.errors[0] : undefined)) as
			| ErrorLike
			| undefined;
		link = next && typeof next === 'object' ? next : undefined;
	}
	const withCode = chain.find((link) => typeof link.code === 'string');
	const code = typeof withCode?.code === 'string' ? withCode.code : '';
	const messages = chain.slice(chain.indexOf(withCode ?? chain[0])).map((link) => link.message);
	const message = messages.find((text): text is string => typeof text === 'string' && text !== '');
	if (TIMEOUT_CODES.has(code) || /timeout of \d+ms exceeded/.test(message ?? '')) {
		return timedOut(timeoutMs, code || 'ETIMEDOUT');
	}
	return {
		answered: false,
		kind: 'network',
		code,
		message: message ?? (code || 'The connection to the API failed'),
	};
}

/** No answer within `timeoutMs`: the request may have reached the API. */
export const timedOut = (timeoutMs: number, code = 'ETIMEDOUT'): NoAnswer => ({
	answered: false,
	kind: 'timeout',
	code,
	message: `No answer within the timeout of ${timeoutMs} ms`,
});
