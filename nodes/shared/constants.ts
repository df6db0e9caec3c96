export const DEFAULT_MODEL = 'gpt-4.5-preview';

export const CREDENTIAL_NAME = 'segmindApi';
