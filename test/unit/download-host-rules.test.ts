// Which hosts output files may come from (rule 4), every redirect hop included.
import { hostRefusal, SegmindUrls, type DownloadFrom } from '../../nodes/shared/client';

// The base URL's host, as the client passes it.
const hostOf = (baseUrl: string) => new SegmindUrls(baseUrl).host;

const SEGMIND = hostOf('https://api.segmind.com');
const GATEWAY = hostOf('https://gateway.example.com/segmind');
const EMULATOR = hostOf('http://127.0.0.1:4010');

const allowed = (url: string, downloadFrom: DownloadFrom, baseHost: string) =>
	hostRefusal(url, downloadFrom, baseHost) === undefined;

test.each([
	['https://images.segmind.com/generations/a.jpeg', 'a subdomain'],
	['https://segmind.com/a.png', 'segmind.com itself'],
	['https://a.b.segmind.com/a.png', 'a deeper subdomain'],
	['https://IMAGES.SEGMIND.COM/a.png', 'any case'],
	['https://api.segmind.com:8443/a.png', 'another port'],
])('segmind: %s is allowed (%s)', (url) => {
	expect(allowed(url, 'segmind', SEGMIND)).toBe(true);
});

test.each([
	['https://evilsegmind.com/a.png', 'evilsegmind.com'],
	['https://segmind.com.evil.example/a.png', 'segmind.com.evil.example'],
	['https://evil.example/a.png', 'evil.example'],
	['https://segmind.com@evil.example/a.png', 'evil.example'],
	['https://notsegmind.com/a.png', 'notsegmind.com'],
])('segmind: %s is refused, naming the option', (url) => {
	expect(hostRefusal(url, 'segmind', SEGMIND)).toBe(
		'not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (api.segmind.com)',
	);
});

test.each([
	['https://evil.example/a.png'],
	['https://evilsegmind.com/a.png'],
	['https://files.example.org:8443/x/y.mp4'],
])('any: %s is allowed', (url) => {
	expect(allowed(url, 'any', SEGMIND)).toBe(true);
});

test.each<[string, DownloadFrom, string]>([
	['http://images.segmind.com/a.png', 'segmind', 'http:'],
	['http://evil.example/a.png', 'any', 'http:'],
	['ftp://segmind.com/a.png', 'segmind', 'ftp:'],
	['file:///etc/passwd', 'any', 'file:'],
])('plain http and other schemes are refused: %s (%s)', (url, downloadFrom, scheme) => {
	expect(hostRefusal(url, downloadFrom, SEGMIND)).toBe(
		`not downloaded: downloadFrom "${downloadFrom}" allows https:// only, not ${scheme}//`,
	);
});

test.each<[string, DownloadFrom]>([
	['http://localhost:4010/files/a.png', 'segmind'],
	['http://127.0.0.1:4010/files/a.png', 'any'],
	['https://localhost/a.png', 'any'],
	['https://127.0.0.5/a.png', 'segmind'],
	['http://[::1]:4010/a.png', 'any'],
])(
	'a loopback host is refused when the base URL is not on loopback: %s (%s)',
	(url, downloadFrom) => {
		expect(hostRefusal(url, downloadFrom, SEGMIND)).toBe(
			`not downloaded: downloadFrom "${downloadFrom}" allows a loopback host only when the base URL is on loopback`,
		);
		expect(hostRefusal(url, downloadFrom, GATEWAY)).toBeDefined();
	},
);

describe('with a loopback base URL (an emulator)', () => {
	test.each([
		['http://127.0.0.1:4010/files/a.png', 'its own host'],
		['http://127.0.0.1:9999/files/a.png', 'its host on another port'],
		['https://127.0.0.1:4010/files/a.png', 'its host over https'],
		['https://images.segmind.com/a.png', "Segmind's hosts"],
	])('segmind allows %s (%s)', (url) => {
		expect(allowed(url, 'segmind', EMULATOR)).toBe(true);
	});

	test("segmind refuses another loopback name than the base URL's; any allows it", () => {
		expect(hostRefusal('http://localhost:4010/files/a.png', 'segmind', EMULATOR)).toBe(
			'not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (127.0.0.1)',
		);
		expect(allowed('http://localhost:4010/files/a.png', 'any', EMULATOR)).toBe(true);
		expect(allowed('http://[::1]:4010/a.png', 'any', hostOf('http://[::1]:4010'))).toBe(true);
	});

	test.each<[string, DownloadFrom]>([
		['http://evil.example/a.png', 'any'],
		['http://images.segmind.com/a.png', 'segmind'],
		['http://192.168.1.20/a.png', 'any'],
		['http://localhost.example.com/a.png', 'any'],
	])('plain http to a host that is not loopback is still refused: %s', (url, downloadFrom) => {
		expect(hostRefusal(url, downloadFrom, EMULATOR)).toBe(
			`not downloaded: downloadFrom "${downloadFrom}" allows https:// only, not http://`,
		);
	});
});

test("a gateway's own host serves files under segmind; other hosts do not", () => {
	expect(allowed('https://gateway.example.com/files/a.png', 'segmind', GATEWAY)).toBe(true);
	expect(allowed('https://images.segmind.com/a.png', 'segmind', GATEWAY)).toBe(true);
	expect(hostRefusal('https://cdn.example.com/a.png', 'segmind', GATEWAY)).toBe(
		'not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (gateway.example.com)',
	);
});

test('text that is not a URL is refused', () => {
	expect(hostRefusal('images.segmind.com/a.png', 'any', SEGMIND)).toBe('not a URL');
});
