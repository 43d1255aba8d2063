import { describe, expect, it } from 'vitest';
import { MAX_REPO_NAME_CHARS, PreviewNameError, previewNumberOf, previewSpaceId } from '#lib/deploy/preview';

describe('previewSpaceId', () => {
  it('appends -pr-<number> to the name', () => {
    expect(previewSpaceId('acme/summarizer', 12)).toBe('acme/summarizer-pr-12');
  });

  it('shortens long names to the Hub limit without leaving a trailing separator', () => {
    const name = `${'a'.repeat(85)}-bcdefgh`; // cut right after the '-'
    const id = previewSpaceId(`acme/${name}`, 123456);
    const previewName = id.split('/')[1] ?? '';
    expect(previewName.length).toBeLessThanOrEqual(MAX_REPO_NAME_CHARS);
    expect(previewName).toBe(`${'a'.repeat(85)}-pr-123456`);
    expect(previewName).not.toMatch(/--|\.\./);
  });

  it('rejects what cannot name a Space', () => {
    expect(() => previewSpaceId('no-owner', 1)).toThrow(PreviewNameError);
    expect(() => previewSpaceId('acme/x', 0)).toThrow(PreviewNameError);
    expect(() => previewSpaceId('acme/-', 3)).toThrow(PreviewNameError);
  });
});

describe('previewNumberOf', () => {
  it('recognises only the previews of this Space', () => {
    expect(previewNumberOf('acme/summarizer', 'acme/summarizer-pr-9')).toBe(9);
    expect(previewNumberOf('acme/summarizer', 'acme/summarizer-pr-9-notes')).toBeUndefined();
    expect(previewNumberOf('acme/summarizer', 'acme/other-pr-9')).toBeUndefined();
    expect(previewNumberOf('acme/summarizer', 'other/summarizer-pr-9')).toBeUndefined();
    expect(previewNumberOf('acme/summarizer', 'acme/summarizer')).toBeUndefined();
  });
});
