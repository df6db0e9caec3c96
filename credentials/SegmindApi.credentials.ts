import type {
	ICredentialDataDecryptedObject,
	Icon,
	IHttpRequestOptions,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { LOOPBACK_HOST_PATTERN } from '../nodes/shared/client';
import { DEFAULT_BASE_URL } from '../nodes/shared/constants';

// The credential test must not send the key over plain http to a remote host either. Only an
// https:// root, or http:// to this machine, is used as written; anything else becomes an
// unresolvable host (RFC 6761 ".invalid"), so the test fails unsent. The text is read as the
// HTTP client reads it: without spaces, tabs or control characters, backslash as slash.
const safeTestBaseUrl = `={{ /^(https:|http:[\\/\\\\]*(${LOOPBACK_HOST_PATTERN})(:\\d+)?([\\/\\\\?#]|$))/i.test(String($credentials.baseUrl).replace(/[\\u0000-\\u0020]/g, "")) ? $credentials.baseUrl : "https://plain-http-refused-use-https.invalid" }}`;

export class SegmindApi implements ICredentialType {
	name = 'segmindApi';

	displayName = 'Segmind API';

	icon: Icon = { light: 'file:segmind.svg', dark: 'file:segmind.dark.svg' };

	documentationUrl = 'https://docs.segmind.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your Segmind API key (it starts with SG_), from the Segmind console',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Root of the API. Change it only for a proxy, a gateway or a local emulator. Plain http:// is refused unless the host is this machine (localhost, 127.x.x.x, ::1).',
		},
	];

	// The header as a function rather than a generic `={{$credentials.apiKey}}` expression: n8n
	// would evaluate that expression in its sandbox on every request, about 0.8 ms each.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'x-api-key': String(credentials.apiKey ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: safeTestBaseUrl,
			url: '/v1/get-user-credits',
			method: 'GET',
		},
	};
}
