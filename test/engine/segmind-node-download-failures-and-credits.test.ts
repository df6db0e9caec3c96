import { MEDIA_SLUGS } from '../../emulator/server';
import { useEmulator } from './support/emulatorFixture';
import { runWorkflow } from './support/runWorkflow';
import { getCreditsOfAccount, runModel } from './support/segmindNode';

const api = useEmulator();

const QUEUE = { requestMode: 'queue', pollInterval: 250 };

test('a file that cannot be downloaded: download_failed naming its host, the URL and request id kept', async () => {
	const { items, error } = await runWorkflow({
		nodes: [runModel(MEDIA_SLUGS.png, { prompt: 'x #emulate:download-404' }, QUEUE)],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(error).toBeUndefined();
	const [item] = items;
	expect(item.json).toMatchObject({
		success: false,
		statusCode: 404,
		status: 'download_failed',
		statusMessage: 'The output file could not be downloaded',
		error: expect.stringContaining('127.0.0.1'),
		requestId: expect.any(String),
		output: expect.stringMatching(/\/files\//),
		files: [{ url: item.json.output, binaryProperty: null, mimeType: null, fileSize: null }],
	});
	expect(item.binary).toBeUndefined();
	// Billed once; never submitted again.
	const log = await api.settledLog();
	expect(log.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
});

test('under Stop With an Error, the error carries the request id and the file URL to collect later', async () => {
	const { error } = await runWorkflow({
		nodes: [
			runModel(
				MEDIA_SLUGS.png,
				{ prompt: 'x #emulate:download-404' },
				{ ...QUEUE, apiErrors: 'throw' },
			),
		],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'The output file could not be downloaded [download_failed]',
	});
	const [submit] = api.emulator.log.filter((entry) => entry.kind === 'submit');
	expect(error?.description).toContain(`Request ID: ${submit.requestId}`);
	expect(error?.description).toMatch(/File URLs: http:\/\/127\.0\.0\.1:\d+\/files\//);
});

test('Get Remaining Credits on the Account resource: the balance fields', async () => {
	const { items } = await runWorkflow({
		nodes: [getCreditsOfAccount()],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(items[0].json).toStrictEqual({
		credits: 500,
		freeCredits: 0,
		totalCredits: 500,
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		remainingCredits: 500,
	});
	expect(api.emulator.log.map((entry) => entry.path)).toEqual(['/v1/get-user-credits']);
});
