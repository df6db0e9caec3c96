import { urlsOf } from '../../nodes/shared/client';

/** The API root a base URL gives, or why it is refused. */
function checkBaseUrl(baseUrl: unknown): { root: string; refused?: string } {
	const checked = urlsOf(baseUrl);
	return 'urls' in checked ? { root: checked.urls.root } : { root: '', refused: checked.refused };
}
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

describe('every URL is built from the base URL', () => {
	const urlsFor = (baseUrl: string) => {
		const checked = urlsOf(baseUrl);
		if (!('urls' in checked)) throw new Error(checked.refused);
		return checked.urls;
	};

	test("with Segmind's own base URL, the catalogue and storage are on Segmind's hosts", () => {
		for (const baseUrl of ['https://api.segmind.com', 'https://API.segmind.com/', 'https://api.segmind.com//']) {
			const urls = urlsFor(baseUrl);
			expect(urls.catalog).toBe(
				'https://api.spotprod.segmind.com/inference-model-information/list?segmind_model=True',
			);
			expect(urls.upload).toBe('https://workflows-api.segmind.com/upload-asset');
		}
	});

	test('with any other base URL (a gateway, an emulator), everything goes to it', () => {
		const urls = urlsFor('http://127.0.0.1:4010/');
		expect(urls.catalog).toBe(
			'http://127.0.0.1:4010/inference-model-information/list?segmind_model=True',
		);
		expect(urls.upload).toBe('http://127.0.0.1:4010/upload-asset');
		expect(urlsFor('https://gateway.example.com/segmind').upload).toBe(
			'https://gateway.example.com/segmind/upload-asset',
		);
	});

	test('model, queue, credits and PixelFlow URLs, with path parts encoded', () => {
		const urls = urlsFor('https://api.segmind.com');
		expect(urls.run('flux-schnell')).toBe('https://api.segmind.com/v1/flux-schnell');
		expect(urls.submit('a/b')).toBe('https://api.segmind.com/v2/a%2Fb');
		expect(urls.status('r 1')).toBe('https://api.segmind.com/v2/requests/r%201/status');
		expect(urls.result('r1')).toBe('https://api.segmind.com/v2/requests/r1');
		expect(urls.credits).toBe('https://api.segmind.com/v1/get-user-credits');
		expect(urls.pixelflowRun('abc-v1')).toBe('https://api.segmind.com/workflows/abc-v1');
		expect(urls.pixelflowPoll('r1')).toBe('https://api.segmind.com/workflows/request/r1');
	});
});
