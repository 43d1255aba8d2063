import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownLines,
  escapeTruncated,
  truncateText,
} from '#lib/markdown/index';

/** The characters a rendered GitHub comment could act on, outside escapes. */
function unescapedSyntax(escaped: string): string[] {
  // Drop backslash escapes and entities, then see what raw syntax is left.
  const bare = escaped.replace(/\\[\s\S]/g, '').replace(/&(amp|lt|gt|quot|#\d+);/g, '');
  return [...bare].filter((c) => '<>`|[]()!*_#\\'.includes(c));
}

describe('escapeMarkdown', () => {
  it('breaks @-mentions with a zero-width space so nobody is notified', () => {
    const out = escapeMarkdown('thanks @octocat and @github/security-team');
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).toContain('@\u200Boctocat');
    expect(out).toContain('@\u200Bgithub/security-team');
  });

  it('breaks #123 and GH-42 issue references', () => {
    const out = escapeMarkdown('fixes #123, see GH-42 and owner/repo#7');
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/GH-\d/);
    expect(out).toContain('123');
  });

  it('turns raw HTML into inert text', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)> </details><script>x</script>');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(out).toContain('&lt;/details&gt;');
  });

  it('escapes ampersands so existing entities show literally', () => {
    expect(escapeMarkdown('AT&T &lt;b&gt;')).toBe('AT&amp;T &amp;lt;b&amp;gt;');
  });

  it('neutralizes links and images', () => {
    const out = escapeMarkdown('[click](javascript:alert(1)) ![pic](http://x/y.png)');
    expect(unescapedSyntax(out)).toEqual([]);
    expect(out).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(out).toContain('\\!\\[pic\\]');
  });

  it('keeps table cells intact: pipes escaped, newlines collapsed', () => {
    const out = escapeMarkdown('| col |\n| --- |\nrow');
    expect(out).not.toContain('\n');
    expect(out.replace(/\\\|/g, '')).not.toContain('|');
  });

  it('escapes backticks, emphasis and a leading heading marker', () => {
    const out = escapeMarkdown('# Title with `code` and *bold* _it_ ~~strike~~ $x$');
    expect(unescapedSyntax(out)).toEqual([]);
    expect(out.startsWith('\\#')).toBe(true);
  });

  it('strips control characters and bidi overrides', () => {
    expect(escapeMarkdown('a\u0000b\u0007c\u001bd\u202Ee\u2066f\u009Bg')).toBe('abcdefg');
  });

  it('is plain text for ordinary prose', () => {
    expect(escapeMarkdown('The council approved 46 million dollars on Tuesday.')).toBe(
      'The council approved 46 million dollars on Tuesday.',
    );
  });
});

describe('escapeMarkdownLines', () => {
  it('keeps one line per sentence as <br> and escapes list/heading/quote starts on each line', () => {
    const out = escapeMarkdownLines(
      'First line.\n- not a list\n1. not ordered\n> not a quote\n# not a heading\n===',
    );
    const lines = out.split('<br>\n');
    expect(lines).toEqual([
      'First line.',
      '\\- not a list',
      '1\\. not ordered',
      '&gt; not a quote',
      '\\# not a heading',
      '\\===',
    ]);
  });

  it('cannot close a surrounding <details> or open a blank-line break', () => {
    const out = escapeMarkdownLines('ok\n\n\n</details>\n<details open>');
    expect(out).not.toContain('\n\n');
    expect(out).not.toMatch(/<\/?details/);
  });
});

describe('escapeHtml', () => {
  it('escapes for raw-HTML context without Markdown backslashes', () => {
    const out = escapeHtml('case_1 <b>"x"</b> & \'y\' @alice #5 `tick` |');
    expect(out).toBe(
      'case_1 &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#39;y&#39; @\u200Balice #\u200B5 &#96;tick&#96; &#124;',
    );
  });
});

describe('truncateText / escapeTruncated', () => {
  it('cuts at a word boundary and adds an ellipsis', () => {
    expect(truncateText('one two three four five', 14)).toBe('one two three…');
    expect(truncateText('short', 14)).toBe('short');
  });

  it('hard-cuts a single huge word without splitting a surrogate pair', () => {
    const text = `${'x'.repeat(9)}😀${'y'.repeat(20)}`;
    const out = truncateText(text, 11);
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out).toBe(`${'x'.repeat(9)}…`);
  });

  it('fits the escaped result in the budget without cutting an entity or escape in half', () => {
    const text = Array.from({ length: 400 }, (_, i) => `<b>&${i}|`).join(' ');
    const out = escapeTruncated(text, 500, escapeMarkdown);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.endsWith('…')).toBe(true);
    // Every & starts a complete entity and no backslash dangles at the end.
    expect(out.match(/&(?!(amp|lt|gt|quot);)/g)).toBeNull();
    expect(out).not.toMatch(/\\…$/);
  });

  it('leaves short text whole', () => {
    expect(escapeTruncated('a <b>', 100, escapeMarkdown)).toBe('a &lt;b&gt;');
  });
});

describe('bare URLs (GFM extended autolinks)', () => {
  /** What GFM's autolink extension would turn into a link: a scheme followed by //, or www. then a domain. */
  const AUTOLINK = /(https?|ftp):\/\/|(^|[\s*_~(])www\.[\w-]/i;

  it.each([
    ['escapeMarkdown', escapeMarkdown],
    ['escapeHtml', escapeHtml],
  ])('%s leaves no URL GitHub would autolink', (_, escape) => {
    const out = escape(
      'see https://github.com/acme/site/issues/1347 and HTTP://evil.example/login, ftp://x.example/f, ' +
        'www.phish.example/reset or (www.example.org)',
    );
    expect(out).not.toMatch(AUTOLINK);
    // Still readable: only zero-width spaces were added.
    expect(out.replaceAll('\u200B', '')).toContain('https://github.com/acme/site/issues/1347');
    expect(out.replaceAll('\u200B', '')).toContain('www.phish.example/reset');
  });

  it('defuses URLs on every line of multi-line text, whatever the scheme', () => {
    const out = escapeMarkdownLines('first https://a.example/x\nsecond www.b.example\nthird javascript://c');
    expect(out).not.toMatch(AUTOLINK);
    expect(out).not.toMatch(/:\/\//);
  });
});
