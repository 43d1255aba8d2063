import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '#lib/ingest/decode';
import type { Logger } from '#lib/log';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (message) => warnings.push(message) };
}

describe('decodeBytes', () => {
  it('uses the charset from the Content-Type header', () => {
    const bytes = iconv.encode('<p>Привет, мир</p>', 'windows-1251');
    expect(decodeBytes(bytes, 'text/html; charset=windows-1251', recordingLogger(), 's')).toBe(
      '<p>Привет, мир</p>',
    );
  });

  it('finds a charset declared in <meta> when the header has none', () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>灯台</body></html>';
    expect(decodeBytes(iconv.encode(html, 'shift_jis'), 'text/html', recordingLogger(), 's')).toContain(
      '灯台',
    );
  });

  it('lets a BOM win over a wrong header', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('café')]);
    expect(decodeBytes(bytes, 'text/html; charset=iso-8859-1', recordingLogger(), 's')).toBe('café');
  });

  it('falls back to UTF-8 with a warning naming the source and the unknown label', () => {
    const logger = recordingLogger();
    expect(decodeBytes(Buffer.from('déjà vu'), 'text/html; charset=x-klingon', logger, 'http://x/page')).toBe(
      'déjà vu',
    );
    expect(logger.warnings).toEqual(['http://x/page: unknown charset "x-klingon", decoding as UTF-8']);
  });
});
