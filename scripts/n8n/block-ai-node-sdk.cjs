// Preload for an n8n 1.x process: makes @n8n/ai-node-sdk unresolvable, as it is for users of
// n8n 1.x, even though n8n's module path reaches this repository's node_modules, which holds a copy.
const Module = require('module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
	if (request === '@n8n/ai-node-sdk' || request.startsWith('@n8n/ai-node-sdk/')) {
		const error = new Error(`Cannot find module '${request}'`);
		error.code = 'MODULE_NOT_FOUND';
		throw error;
	}
	return resolve.call(this, request, ...rest);
};
