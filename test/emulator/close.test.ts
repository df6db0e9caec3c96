// close() ends promptly and frees the port, even with hung, slow or idle keep-alive connections open.
import { chat, rawChat, waitFor } from './client';
import { startEmulator } from './server';

it('closes at once with a hung request pending; the client sees the connection end', async () => {
	const emulator = await startEmulator();
	const hung = rawChat(emulator, 'gpt-4o', '#emulate:hang');
	await waitFor(() => emulator.log[0]?.outcome === 'hung');
	const started = Date.now();
	await emulator.close();
	expect(Date.now() - started).toBeLessThan(500);
	expect((await hung).errorCode).toMatch(/ECONNRESET|ECONNABORTED|EPIPE/);
	// Ended by the emulator, not the client: the entry stays hung once the socket's close has been seen.
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(emulator.log[0].outcome).toBe('hung');
});

it('closes at once with a slow answer pending and never sends it', async () => {
	const emulator = await startEmulator({ latencyMs: 5000 });
	const slow = rawChat(emulator, 'gpt-4o', 'Hi');
	await waitFor(() => emulator.log.length === 1);
	const started = Date.now();
	await emulator.close();
	expect(Date.now() - started).toBeLessThan(500);
	expect((await slow).status).toBeUndefined();
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(emulator.log[0]).toMatchObject({ outcome: 'pending', status: null });
});

it('closes at once with idle keep-alive connections and frees the port', async () => {
	const emulator = await startEmulator();
	expect((await chat(emulator, 'gpt-4o')).status).toBe(200);
	const started = Date.now();
	await emulator.close();
	expect(Date.now() - started).toBeLessThan(500);
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
