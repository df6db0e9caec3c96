const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The API root to call, without a trailing slash, or why it is refused. */
export interface ApiRoot {
	root: string;
	refused?: string;
}

/**
 * The key rides in a header, so a plain http:// root is accepted only for this machine;
 * anything else is refused before a request is sent (as written: no DNS lookup).
 */
export function checkBaseUrl(baseUrl: unknown): ApiRoot {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			root: '',
			refused: `baseUrl "${text}" is not a URL: use for example https://api.segmind.com`,
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { root: '', refused: `baseUrl must start with https://, not ${url.protocol}//` };
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
		return {
			root: '',
			refused: `baseUrl: refusing to send the API key over plain http:// to ${url.hostname}; use https:// (plain http is allowed only for localhost, 127.x.x.x and ::1)`,
		};
	}
	return { root: text.replace(/\/+$/, '') };
}
