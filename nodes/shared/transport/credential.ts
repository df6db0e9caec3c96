import type { ICredentialsDecrypted } from 'n8n-workflow';

import { CREDENTIAL_NAME, DEFAULT_BASE_URL } from '../constants';
import { checkBaseUrl, type ApiRoot } from './baseUrl';
import type { RequestContext } from './request';

/**
 * The credential, decrypted once for the whole run (n8n would otherwise decrypt it again for
 * every request), and the API root it names, or why that root is refused.
 */
export async function readCredential(
	context: RequestContext,
): Promise<{ credential: ICredentialsDecrypted; apiRoot: ApiRoot }> {
	const data = await context.getCredentials(CREDENTIAL_NAME);
	const { id, name } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
	return {
		credential: { id: id ?? '', name: name ?? '', type: CREDENTIAL_NAME, data },
		apiRoot: checkBaseUrl(data.baseUrl ?? DEFAULT_BASE_URL),
	};
}
