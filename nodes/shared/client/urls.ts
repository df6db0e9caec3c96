import { DEFAULT_BASE_URL } from '../constants';

/** Hosts that are this machine, as written (no DNS lookup): the only ones plain http may reach. */
export const LOOPBACK_HOST_PATTERN = 'localhost|127(\\.\\d{1,3}){3}|\\[::1\\]';

const LOOPBACK_HOST = new RegExp(`^(${LOOPBACK_HOST_PATTERN})$`, 'i');

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOST.test(hostname);

// Segmind's own hosts for the catalogue and its storage, used with the default base URL only.
const SEGMIND_CATALOG_URL = 'https://api.spotprod.segmind.com';
const SEGMIND_STORAGE_URL = 'https://workflows-api.segmind.com';

const segment = (value: string) => encodeURIComponent(value);

/**
 * Every URL the nodes send the key to, built from the credential's base URL alone: nothing is
 * ever sent with the key to a URL taken from an answer (status_url, response_url, poll_url).
 */
export class SegmindUrls {
	/** Where the catalogue and storage live: Segmind's own hosts, or the base URL (gateway, emulator). */
	private readonly catalogRoot: string;

	private readonly storageRoot: string;

	constructor(
		/** The base URL without a trailing slash. */
		readonly root: string,
	) {
		const isSegmind = new URL(root).origin === new URL(DEFAULT_BASE_URL).origin;
		this.catalogRoot = isSegmind ? SEGMIND_CATALOG_URL : root;
		this.storageRoot = isSegmind ? SEGMIND_STORAGE_URL : root;
	}

	/** The host of the base URL (files from it may be downloaded). */
	get host(): string {
		return new URL(this.root).hostname;
	}

	/** A model run that waits for the answer (v1). */
	run = (slug: string) => `${this.root}/v1/${segment(slug)}`;

	/** A model run submitted to the queue (v2). */
	submit = (slug: string) => `${this.root}/v2/${segment(slug)}`;

	status = (requestId: string) => `${this.root}/v2/requests/${segment(requestId)}/status`;

	result = (requestId: string) => `${this.root}/v2/requests/${segment(requestId)}`;

	get credits(): string {
		return `${this.root}/v1/get-user-credits`;
	}

	pixelflowRun = (workflowId: string) => `${this.root}/workflows/${segment(workflowId)}`;

	pixelflowPoll = (requestId: string) => `${this.root}/workflows/request/${segment(requestId)}`;

	get catalog(): string {
		return `${this.catalogRoot}/inference-model-information/list?segmind_model=True`;
	}

	get upload(): string {
		return `${this.storageRoot}/upload-asset`;
	}
}

/**
 * The URLs of a base URL, or why it is refused. The key rides in a header, so a plain http://
 * root is accepted only for this machine; anything else is refused before a request is sent.
 */
export function urlsOf(baseUrl: unknown): { urls: SegmindUrls } | { refused: string } {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { refused: `baseUrl "${text}" is not a URL: use for example ${DEFAULT_BASE_URL}` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { refused: `baseUrl must start with https://, not ${url.protocol}//` };
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return {
			refused: `baseUrl: refusing to send the API key over plain http:// to ${url.hostname}; use https:// (plain http is allowed only for localhost, 127.x.x.x and ::1)`,
		};
	}
	return { urls: new SegmindUrls(text.replace(/\/+$/, '')) };
}
