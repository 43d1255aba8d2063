import { describe, expect, it } from 'vitest';
import { createLocator, startAt } from '#lib/summarize/embedded/timing';
import { formatSummary, formatTimestamp } from '#lib/summarize/format';

describe('formatTimestamp', () => {
  it.each([
    [0, '[00:00]'],
    [59.99, '[00:59]'],
    [61, '[01:01]'],
    [3599, '[59:59]'],
    [3600, '[1:00:00]'],
    [3725.4, '[1:02:05]'],
    [36_000, '[10:00:00]'],
  ])('%d s → %s', (seconds, stamp) => {
    expect(formatTimestamp(seconds)).toBe(stamp);
  });
});

describe('startAt', () => {
  const timing = [
    { offset: 0, length: 10, start: 1 },
    { offset: 11, length: 10, start: 5 },
    { offset: 30, length: 4, start: 9 },
  ];
  it('gives the time of the piece containing the offset, or of one starting just after it', () => {
    expect(startAt(timing, 0)).toBe(1);
    expect(startAt(timing, 9)).toBe(1);
    expect(startAt(timing, 11)).toBe(5);
    expect(startAt(timing, 20)).toBe(5);
    expect(startAt(timing, 28)).toBe(9);
    expect(startAt(timing, 33)).toBe(9);
  });
  it('gives null where no piece covers the text', () => {
    expect(startAt(timing, 23)).toBeNull();
    expect(startAt(timing, 40)).toBeNull();
    expect(startAt([], 0)).toBeNull();
  });
});

describe('createLocator', () => {
  it('finds sentences in order despite re-flowed whitespace', () => {
    const text = 'First line\nwraps here.  Second\n\none.  First line again.';
    const locator = createLocator(text);
    const first = locator.locate('First line wraps here.');
    const second = locator.locate('Second one.');
    const third = locator.locate('First line again.');
    expect([first, second, third].map((at) => locator.offsetOf(at ?? -1))).toEqual([
      0,
      text.indexOf('Second'),
      text.lastIndexOf('First'),
    ]);
    expect(locator.locate('Not in the text.')).toBeUndefined();
  });
});

describe('formatSummary', () => {
  const summary = {
    title: 'Tool library <talk> @team',
    sentences: ['Loans are free.', 'Six thousand loans [last year].'],
    starts: [47.2, null],
  };
  it('prints text and bullets with times where present', () => {
    expect(formatSummary(summary, 'text')).toBe('[00:47] Loans are free.\nSix thousand loans [last year].');
    expect(formatSummary(summary, 'bullets')).toBe(
      '- [00:47] Loans are free.\n- Six thousand loans [last year].',
    );
  });
  it('puts an escaped Key points list under the title in markdown', () => {
    expect(formatSummary(summary, 'markdown')).toBe(
      [
        '## Tool library &lt;talk&gt; @\u200Bteam',
        '',
        '### Key points',
        '',
        '- [00:47] Loans are free.',
        '- Six thousand loans \\[last year\\].',
      ].join('\n'),
    );
  });
});
