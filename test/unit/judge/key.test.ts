import { describe, expect, it } from 'vitest';
import { resolveJudgeKey } from '#lib/judge/index';

describe('resolveJudgeKey', () => {
  it('takes SUMOPS_JUDGE_API_KEY, else OPENAI_API_KEY, else HF_TOKEN for the router', () => {
    const router = 'https://router.huggingface.co/v1';
    const all = { judgeApiKey: 'sk-judge', openaiApiKey: 'sk-openai', hfToken: 'hf_x' };
    expect(resolveJudgeKey(router, all)).toEqual({ apiKey: 'sk-judge', source: 'judge' });
    expect(resolveJudgeKey(router, { ...all, judgeApiKey: ' ' })).toEqual({
      apiKey: 'sk-openai',
      source: 'openai',
    });
    expect(resolveJudgeKey(router, { hfToken: 'hf_x' })).toEqual({ apiKey: 'hf_x', source: 'hf' });
    expect(resolveJudgeKey('https://api.openai.com/v1', { hfToken: 'hf_x' })).toBeUndefined();
  });
});
