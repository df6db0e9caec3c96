export const DEFAULT_MODEL = 'gpt-4.5-preview';

export const CREDENTIAL_NAME = 'segmindApi';

export const DEFAULT_BASE_URL = 'https://api.segmind.com';
