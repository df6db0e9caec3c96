import { checkBaseUrl } from '../../nodes/shared/transport/baseUrl';
import { KEY_MAY_BE_SENT, KEY_MUST_NOT_BE_SENT } from '../support/loopbackCases';

test.each([
	['https://api.segmind.com', 'https://api.segmind.com'],
	['https://api.segmind.com/', 'https://api.segmind.com'],
	['https://api.segmind.com///', 'https://api.segmind.com'],
	['https://gateway.example.com/segmind/', 'https://gateway.example.com/segmind'],
	['  https://api.segmind.com  ', 'https://api.segmind.com'],
	['http://localhost:8080', 'http://localhost:8080'],
	['http://LOCALHOST:8080/', 'http://LOCALHOST:8080'],
	['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
	['http://127.0.0.5', 'http://127.0.0.5'],
	['http://127.255.0.1:9', 'http://127.255.0.1:9'],
	['http://[::1]:4000', 'http://[::1]:4000'],
])('%p is accepted as %p', (baseUrl, root) => {
	expect(checkBaseUrl(baseUrl)).toEqual({ root });
});

test.each([
	'http://api.segmind.com',
	'http://api.example.com/',
	'http://192.168.1.10:8080',
	'http://10.0.0.1',
	'http://localhost.example.com',
	'http://127.0.0.1.example.com',
	'http://[::2]',
	'http://0.0.0.0:8080',
])('plain http to %p is refused naming baseUrl, and nothing to call is given', (baseUrl) => {
	const { root, refused } = checkBaseUrl(baseUrl);
	expect(root).toBe('');
	expect(refused).toMatch(/^baseUrl: refusing to send the API key over plain http:\/\//);
	expect(refused).toContain('use https://');
});

describe('the loopback rule, case by case as the credential test holds it', () => {
	test.each(KEY_MAY_BE_SENT)('%p is accepted', (baseUrl) => {
		expect(checkBaseUrl(baseUrl).refused).toBeUndefined();
	});
	test.each(KEY_MUST_NOT_BE_SENT)('%p is refused', (baseUrl) => {
		expect(checkBaseUrl(baseUrl).refused).toMatch(/^baseUrl: refusing to send the API key/);
	});
});

test('the refusal names the host it refused', () => {
	expect(checkBaseUrl('http://api.segmind.com').refused).toContain('to api.segmind.com;');
});

test.each(['', 'api.segmind.com', 'not a url', '//api.segmind.com', undefined, null, 42])(
	'%p is not a URL, refused naming baseUrl',
	(baseUrl) => {
		const { root, refused } = checkBaseUrl(baseUrl);
		expect(root).toBe('');
		expect(refused).toMatch(/^baseUrl "[^"]*" is not a URL/);
	},
);

test.each([
	['ftp://api.segmind.com', 'ftp:'],
	['ws://localhost:8080', 'ws:'],
	['file:///etc/passwd', 'file:'],
])('%p: other protocols are refused naming baseUrl', (baseUrl, protocol) => {
	const { root, refused } = checkBaseUrl(baseUrl);
	expect(root).toBe('');
	expect(refused).toBe(`baseUrl must start with https://, not ${protocol}//`);
});
