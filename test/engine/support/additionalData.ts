import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { TestCredentialsHelper } from './testCredentialsHelper';

/** What n8n hands the engine besides the workflow: the one Segmind credential, and no server. */
export const engineAdditionalData = (
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
) =>
	({
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: 'execution-1',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook/',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting/',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting/',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'user-1',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code tasks are not part of these tests');
		},
	}) as unknown as IWorkflowExecuteAdditionalData;
