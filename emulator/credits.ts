// GET /v1/get-user-credits.
import type { Account } from './accounts';
import { json, jsonError, methodNotAllowed, unauthorized, type Plan } from './plan';

export function planCredits(method: string, account: Account | undefined, keyGiven: boolean): Plan {
	if (method !== 'GET') return methodNotAllowed();
	if (!account) return unauthorized(keyGiven);
	if (account.settings.noBalanceRecord) return jsonError(404, 'No credits found for the user');
	return json(200, { credits: account.credits, 'free-credits': account.freeCredits });
}
