// close() ends promptly and frees the port, even with hung, slow or idle keep-alive connections open.
import { chat, rawChat, waitFor } from './support/client';
import { startEmulator } from '../../emulator/server';

// Without the emulator destroying them, hung and waiting sockets would keep close() pending for
// good: the test's timeout catches that, so there is no bound on how long close() takes.
jest.setTimeout(30_000);

/**
 * Two event-loop turns: close() destroys the sockets in one turn, their close callbacks run at the
 * end of it, and the server's 'close' handlers of the responses right after.
 */
const socketsClosed = async () => {
	for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
};

it('closes at once with a hung request pending; the client sees the connection end', async () => {
	const emulator = await startEmulator();
	const hung = rawChat(emulator, 'gpt-4o', '#emulate:hang');
	await waitFor(() => emulator.log[0]?.outcome === 'hung');
	await emulator.close();
	expect((await hung).errorCode).toMatch(/ECONNRESET|ECONNABORTED|EPIPE/);
	// Ended by the emulator, not the client: the entry stays hung once the server has seen the close.
	await socketsClosed();
	expect(emulator.log[0].outcome).toBe('hung');
});

it('closes at once with a slow answer pending and never sends it', async () => {
	const emulator = await startEmulator({ latencyMs: 5000 });
	const slow = rawChat(emulator, 'gpt-4o', 'Hi');
	await waitFor(() => emulator.log.length === 1);
	await emulator.close();
	expect((await slow).status).toBeUndefined();
	await socketsClosed();
	expect(emulator.log[0]).toMatchObject({ outcome: 'pending', status: null });
});

it('closes at once with idle keep-alive connections and frees the port', async () => {
	const emulator = await startEmulator();
	expect((await chat(emulator, 'gpt-4o')).status).toBe(200);
	await emulator.close();
	expect(await rawChat(emulator, 'gpt-4o', 'Hi')).toEqual({ errorCode: 'ECONNREFUSED' });
	const again = await startEmulator({ port: emulator.port });
	await again.close();
});

it('rejects when the port is taken', async () => {
	const emulator = await startEmulator();
	try {
		await expect(startEmulator({ port: emulator.port })).rejects.toThrow(/EADDRINUSE/);
	} finally {
		await emulator.close();
	}
});
