// On n8n 1.x there is no AI node SDK: the node file still loads, and asking it for a model says
// which n8n it needs instead of a module path.
import { credentials } from '../support/segmindNock';
import { supplyChatModel } from './support/supplyChatModel';

jest.doMock('@n8n/ai-node-sdk', () => {
	throw Object.assign(new Error("Cannot find module '@n8n/ai-node-sdk'"), {
		code: 'MODULE_NOT_FOUND',
	});
});

test('asking for a model without the SDK fails with the n8n version it needs', async () => {
	await expect(supplyChatModel({ model: 'gpt-4o', options: {} }, credentials())).rejects.toThrow(
		"The Segmind Chat Model needs n8n 2.16 or later: it runs on n8n's AI node SDK, which this n8n does not have. The Segmind GPT-4.5 node works on this n8n.",
	);
});
