import type { IDataObject } from 'n8n-workflow';

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
