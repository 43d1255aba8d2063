import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '#lib/summarize/sentences';

describe('splitSentences', () => {
  it.each([
    ['titles', 'Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
    [
      'dotted acronyms inside a sentence',
      'The U.S. Army and the U.K. Navy trained together. It went well.',
      ['The U.S. Army and the U.K. Navy trained together.', 'It went well.'],
    ],
    [
      'a dotted acronym ending a sentence',
      'She moved to the U.S. The move was hard.',
      ['She moved to the U.S.', 'The move was hard.'],
    ],
    [
      'e.g. and i.e.',
      'Bring fruit, e.g. apples, i.e. something fresh. Thanks.',
      ['Bring fruit, e.g. apples, i.e. something fresh.', 'Thanks.'],
    ],
    [
      'month abbreviations before a day',
      'The vote is on Jan. 5. Polls open at noon.',
      ['The vote is on Jan. 5.', 'Polls open at noon.'],
    ],
    [
      'decimals and money',
      'Prices rose 3.5 percent to $4.25. Sales fell.',
      ['Prices rose 3.5 percent to $4.25.', 'Sales fell.'],
    ],
    [
      'initials',
      'We met J. K. Rowling in London. She signed books.',
      ['We met J. K. Rowling in London.', 'She signed books.'],
    ],
    [
      'times',
      'The train left at 5 p.m. yesterday. It was late.',
      ['The train left at 5 p.m. yesterday.', 'It was late.'],
    ],
    [
      'a quoted question followed by its speaker',
      '"Is it true?" he asked. "Yes!" she said. Then they left.',
      ['"Is it true?" he asked.', '"Yes!" she said.', 'Then they left.'],
    ],
    [
      'curly quotes',
      '“We will win,” the coach said. The fans cheered.',
      ['“We will win,” the coach said.', 'The fans cheered.'],
    ],
    [
      'ellipses',
      'Wait... what happened? Nobody knew… and nobody asked.',
      ['Wait... what happened?', 'Nobody knew… and nobody asked.'],
    ],
    [
      'a period glued to the next sentence',
      'It rained all season.Scotland still won.',
      ['It rained all season.', 'Scotland still won.'],
    ],
    ['CJK full stops', '我们今天去公园。天气很好！你来吗？', ['我们今天去公园。', '天气很好！', '你来吗？']],
    ['Japanese', '東京は晴れです。明日は雨でしょう。', ['東京は晴れです。', '明日は雨でしょう。']],
  ])('handles %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('handles French titles', () => {
    expect(splitSentences('Bonjour M. Dupont. Il fait beau aujourd’hui.', 'fr')).toEqual([
      'Bonjour M. Dupont.',
      'Il fait beau aujourd’hui.',
    ]);
  });

  it('handles German abbreviations and ordinals', () => {
    expect(splitSentences('Das ist z. B. gut. Er kam am 3. Mai zurück. Dann ging er.', 'de')).toEqual([
      'Das ist z. B. gut.',
      'Er kam am 3. Mai zurück.',
      'Dann ging er.',
    ]);
  });

  it('always breaks at blank lines, even without punctuation', () => {
    expect(splitSentences('A heading without a stop\n\nThe body starts here. It goes on.')).toEqual([
      'A heading without a stop',
      'The body starts here.',
      'It goes on.',
    ]);
  });

  it('joins hard-wrapped lines but keeps list lines apart', () => {
    expect(splitSentences('The report was written\nby three people. It is long.')).toEqual([
      'The report was written by three people.',
      'It is long.',
    ]);
    expect(splitSentences('Shopping list\nApples\nPears')).toEqual(['Shopping list', 'Apples', 'Pears']);
  });

  it('returns nothing for empty or whitespace-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n\t ')).toEqual([]);
  });

  it('falls back to default rules for an invalid language tag', () => {
    expect(splitSentences('One here. Two there.', 'not a tag!')).toEqual(['One here.', 'Two there.']);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines, including whitespace-only lines and CRLF', () => {
    expect(splitParagraphs('First line\nsame paragraph\r\n  \r\nSecond\n\n\n\nThird')).toEqual([
      'First line\nsame paragraph',
      'Second',
      'Third',
    ]);
  });
});
