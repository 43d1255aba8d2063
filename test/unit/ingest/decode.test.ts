import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '#lib/ingest/decode';
import { decodeSource, plainUtf8 } from '#lib/ingest/decode-source';
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

describe('plainUtf8: the fast path that skips loading the detectors', () => {
  const utf16 = (text: string): Buffer =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const cases: [string, Buffer, string | undefined, 'utf-8' | 'detect'][] = [
    ['plain text', Buffer.from('déjà vu, naïve café'), undefined, 'utf-8'],
    [
      'a page with <meta charset="utf-8">',
      Buffer.from('<meta charset="UTF-8"><p>café</p>'),
      'text/html',
      'utf-8',
    ],
    ['a UTF-8 header', Buffer.from('<p>café</p>'), 'text/html; charset=utf8', 'utf-8'],
    [
      'a UTF-8 BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('café')]),
      undefined,
      'utf-8',
    ],
    ['invalid UTF-8 bytes', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x21]), undefined, 'utf-8'],
    ['a latin-1 header', iconv.encode('<p>café</p>', 'latin1'), 'text/html; charset=iso-8859-1', 'detect'],
    [
      'a Shift_JIS meta',
      iconv.encode('<meta content="text/html; charset=Shift_JIS">灯台', 'shift_jis'),
      undefined,
      'detect',
    ],
    ['a UTF-16 BOM', utf16('<p>café</p>'), undefined, 'detect'],
    [
      'an XML declaration',
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><p>x</p>'),
      undefined,
      'detect',
    ],
    ['an unknown label', Buffer.from('déjà vu'), 'text/html; charset=x-klingon', 'detect'],
  ];
  it.each(cases)('%s', (_, bytes, contentType, expected) => {
    const plain = plainUtf8(bytes, contentType);
    if (expected === 'detect') expect(plain).toBeUndefined();
    // Whenever it answers, it answers what the full WHATWG decoding does.
    else expect(plain).toBe(decodeBytes(bytes, contentType, recordingLogger(), 's'));
  });

  it('decodeSource agrees with decodeBytes on both paths', async () => {
    for (const [, bytes, contentType] of cases) {
      const logger = recordingLogger();
      expect(await decodeSource(bytes, contentType, logger, 's')).toBe(
        decodeBytes(bytes, contentType, recordingLogger(), 's'),
      );
    }
  });
});
