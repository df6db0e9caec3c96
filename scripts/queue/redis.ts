// The queue's Redis: Debian's redis-server on a free loopback port, nothing saved to disk,
// its working folder and log under the stack's folder.
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { freePort } from '../n8n/free-port';
import type { Log } from '../stack/steps';
import { ensureDebianPackage } from './debian-package';
import { startServerProcess, type ServerProcess } from './server-process';

const redisServer = '/usr/bin/redis-server';

export interface Redis extends ServerProcess {
	port: number;
}

/** True once Redis answers PING with PONG. */
async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(2_000);
		let reply = '';
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.destroy();
				resolve(reply.startsWith('+PONG'));
			}
		});
		socket.on('timeout', () => socket.destroy());
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

export async function startRedis(dir: string, log: Log): Promise<Redis> {
	await ensureDebianPackage('redis-server', () => fs.existsSync(redisServer), log);
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const server = await startServerProcess({
		name: 'redis-server',
		command: redisServer,
		// Config as arguments, no file: no snapshots, no append-only file, loopback only.
		args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		cwd: dir,
		logFile: path.join(dir, 'redis.log'),
		isReady: () => answersPing(port),
		readyTimeoutMs: 30_000,
		graceMs: 10_000,
	});
	return { port, ...server };
}
