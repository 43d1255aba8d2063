// Kept apart from openai.ts so that parsing flags doesn't load the OpenAI client.
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
