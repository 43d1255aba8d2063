import { describe, expect, it } from 'vitest';
import { isHuggingFaceRouter, resolveOpenAIKey } from '#lib/summarize/openai-key';

const ROUTER = 'https://router.huggingface.co/v1';
const OPENAI = 'https://api.openai.com/v1';

describe('resolveOpenAIKey', () => {
  it('takes the OpenAI key first, for any endpoint', () => {
    expect(resolveOpenAIKey(ROUTER, { openaiApiKey: ' sk-1 ', hfToken: 'hf_2' })).toEqual({
      apiKey: 'sk-1',
      source: 'openai',
    });
    expect(resolveOpenAIKey(OPENAI, { openaiApiKey: 'sk-1' })).toEqual({ apiKey: 'sk-1', source: 'openai' });
  });

  it('takes HF_TOKEN only for the Hugging Face router, and treats blank values as unset', () => {
    expect(resolveOpenAIKey(ROUTER, { openaiApiKey: '  ', hfToken: 'hf_2' })).toEqual({
      apiKey: 'hf_2',
      source: 'hf',
    });
    expect(resolveOpenAIKey(OPENAI, { hfToken: 'hf_2' })).toBeUndefined();
    expect(resolveOpenAIKey('http://localhost:11434/v1', {})).toBeUndefined();
  });

  it('recognizes the router by host name only', () => {
    expect(isHuggingFaceRouter('https://router.huggingface.co/v1')).toBe(true);
    expect(isHuggingFaceRouter('https://router.huggingface.co.evil.example/v1')).toBe(false);
    expect(isHuggingFaceRouter('not a url')).toBe(false);
  });
});
