// nock patches node:http, which every test file of a jest worker shares: a file that used it
// would leave its interception on for the files after it (real sockets read through nock's mock
// socket: no backpressure, aborts not passed on, listeners piling up). Each file ends by taking
// it off; in a file that never used nock this loads it and takes it straight off again.
afterAll(() => {
	const nock = require('nock') as typeof import('nock');
	nock.cleanAll();
	nock.restore();
});
