// n8n 1.x has no AI node SDK and loads every node file of the package: the API formats, which
// carry the SDK's tools and finish reasons, and both nodes must load without it.
jest.doMock('@n8n/ai-node-sdk', () => {
	throw Object.assign(new Error("Cannot find module '@n8n/ai-node-sdk'"), { code: 'MODULE_NOT_FOUND' });
});

test.each([
	['the API formats', '../../nodes/shared/apiFormats'],
	['Segmind GPT-4.5', '../../nodes/SegmindGpt45/SegmindGpt45.node'],
	['Segmind Chat Model', '../../nodes/LmChatSegmind/LmChatSegmind.node'],
])('%s load without the SDK', (_name, path) => {
	jest.isolateModules(() => {
		expect(() => require(path)).not.toThrow();
	});
});

test('the mock stands in for a missing SDK', () => {
	jest.isolateModules(() => {
		expect(() => require('@n8n/ai-node-sdk')).toThrow("Cannot find module '@n8n/ai-node-sdk'");
	});
});
