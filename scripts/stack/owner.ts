// The editor's login: an owner account made on the first start with a password generated once
// and kept in the user folder, so the same login works after every restart.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { Log } from './steps';

export interface Login {
	email: string;
	password: string;
}

const email = 'demo@example.com';

export function savedLogin(userFolder: string): Login {
	const file = path.join(userFolder, 'login.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Login;
	// n8n wants 8 to 64 characters with a digit and a capital letter.
	const login = { email, password: `Demo-${randomBytes(9).toString('base64url')}-7Q` };
	fs.writeFileSync(file, JSON.stringify(login, null, '\t') + '\n', { mode: 0o600 });
	return login;
}

async function post(url: string, body: object): Promise<Response> {
	return await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

async function ownerSetUp(url: string): Promise<boolean> {
	const response = await fetch(`${url}/rest/settings`);
	const { data } = (await response.json()) as {
		data: { userManagement: { showSetupOnFirstLoad: boolean } };
	};
	return !data.userManagement.showSetupOnFirstLoad;
}

/** Sets the owner up on a new instance; on a kept one, checks the saved login still works. */
export async function ensureOwner(url: string, login: Login, log: Log): Promise<void> {
	if (!(await ownerSetUp(url))) {
		const response = await post(`${url}/rest/owner/setup`, {
			...login,
			firstName: 'Demo',
			lastName: 'User',
		});
		if (!response.ok)
			throw new Error(
				`Owner setup answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
			);
		return;
	}
	const response = await post(`${url}/rest/login`, {
		emailOrLdapLoginId: login.email,
		password: login.password,
	});
	if (!response.ok)
		log(
			`Warning: the saved login for ${login.email} no longer works (password changed in the` +
				' editor?): log in with your own, or delete the user folder to start over.',
		);
}
