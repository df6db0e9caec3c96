import nock from 'nock';

import { runWorkflow } from './support/runWorkflow';
import {
	ask,
	CHAT_PATH,
	credentials,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
} from '../support/segmindNock';

// The contract: "The key is never sent over plain http:// to a host other than loopback: such a
// request fails with a clear error instead." A redirect from the API root is one more way there.

afterEach(() => nock.cleanAll());

/** A plain-http host that records any request carrying the key, whatever the method. */
function plainHttpHost() {
	const received: string[] = [];
	const record = function (this: nock.ReplyFnContext): [number, object] {
		if (this.req.headers['x-api-key'] === SECRET_API_KEY) received.push(this.req.method);
		return [200, openAiAnswer('from the plain-http host')];
	};
	nock('http://api.example.com').get(CHAT_PATH).reply(record).post(CHAT_PATH).reply(record);
	return received;
}

test.each([301, 302, 307, 308])(
	'a %i to a plain-http host does not carry the key there, and is not a success',
	async (code) => {
		segmind()
			.post(CHAT_PATH)
			.reply(code, '', { location: `http://api.example.com${CHAT_PATH}` });
		const received = plainHttpHost();
		const { items, serialized } = await runWorkflow({
			nodes: [{ parameters: ask({ maxRetries: 0 }) }],
			input: [{}],
			credentials: credentials(),
		});
		expect(received).toEqual([]);
		expect(items[0].json.success).toBe(false);
		expect(serialized).not.toContain(SECRET_API_KEY);
	},
);
