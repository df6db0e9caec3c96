import type {
	IDataObject,
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { SegmindApi } from '../../../credentials/SegmindApi.credentials';

/**
 * Serves the one Segmind credential and applies its generic authentication the way n8n's own
 * helper does: each header value is an expression resolved against $credentials.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly credentialType = new SegmindApi();

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const headers = this.credentialType.authenticate.properties.headers ?? {};
		const resolved: IDataObject = {};
		for (const [name, expression] of Object.entries(headers)) {
			resolved[name] = workflow!.expression.getParameterValue(
				expression as string,
				null,
				0,
				0,
				node!.name,
				[],
				'internal',
				{ $credentials: credentials },
			);
		}
		return { ...options, headers: { ...(options.headers ?? {}), ...resolved } };
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used by these tests');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}
