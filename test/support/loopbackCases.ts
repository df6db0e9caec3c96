// One table of base URLs for the rule "the key goes over plain http:// only to this machine",
// which lives twice: in the node (nodes/shared/transport/baseUrl.ts) and, as a regex expression,
// in the credential's test request. Both are held against these cases.
export const KEY_MAY_BE_SENT: string[] = [
	'https://api.segmind.com',
	'https://gateway.example.com/segmind',
	'http://localhost:8080',
	'http://LOCALHOST',
	'http://127.0.0.1:3000',
	'http://127.0.0.5/',
	'http://127.255.0.1:9',
	'http://[::1]:4000',
];

export const KEY_MUST_NOT_BE_SENT: string[] = [
	'http://api.example.com',
	'http://api.segmind.com/',
	'HTTP://API.EXAMPLE.COM',
	'http://localhost.example.com',
	'http://127.0.0.1.example.com',
	'http://localhost@api.example.com',
	'http://192.168.1.20:8080',
	'http://10.0.0.1',
	'http://[::2]',
	'http://0.0.0.0:8080',
];
