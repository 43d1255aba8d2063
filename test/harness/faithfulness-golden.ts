import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFixtures } from '#lib/evaluate/fixtures';
import type { FaithfulnessResult } from '#lib/faithfulness/index';

/**
 * The (source, summary) pairs whose faithfulness results are pinned in test/fixtures/faithfulness/golden.json: every
 * source under test/eval and a few other fixtures, each with summaries derived from it deterministically (its
 * references, lead sentences as lines and as prose, the lead with names and numbers replaced, halves of sentences
 * spliced together, hard-wrapped lines), a long source made of all of them (alignment's common-word cap), and
 * hand-written pairs for Unicode, numbers and edge cases. The file is written by scripts/dev/faithfulness-golden.ts:
 * a change that only makes scoring faster must reproduce it exactly, and one meant to move scores rewrites it (and
 * says which pairs moved, and why, in its commit).
 */

const root = resolve(import.meta.dirname, '../..');

export interface GoldenSource {
  name: string;
  text: string;
  summaries: string[];
}

/** Sentences for deriving summaries: a plain split, independent of the splitters under test. */
const roughSentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+(?=\S)/u)
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter((s) => s.length > 0);

const INVENTED = ['Okoro', 'Vantreska', 'Belmiro', 'Quillondra'];

function hallucinated(sentence: string): string {
  let names = 0;
  return sentence
    .replace(/\d+(?:[.,]\d+)*/gu, (n) => String((Number(n.replace(/\D/gu, '')) * 7 + 13) % 9973))
    .replace(/(?<=\S\s+)\p{Lu}[\p{L}'’-]+/gu, () => INVENTED[names++ % INVENTED.length]!);
}

function derivedSummaries(text: string, references: readonly string[]): string[] {
  const sentences = roughSentences(text);
  const lead = sentences.slice(0, 3);
  const middle = sentences.slice(Math.floor(sentences.length / 2), Math.floor(sentences.length / 2) + 2);
  const half = (s: string, second: boolean) => {
    const words = s.split(' ');
    const cut = Math.ceil(words.length / 2);
    return (second ? words.slice(cut) : words.slice(0, cut)).join(' ');
  };
  const spliced = sentences.length > 4 ? `${half(sentences[1]!, false)} ${half(sentences[4]!, true)}` : '';
  const wrapped = lead
    .join(' ')
    .replace(/(\S+ \S+ \S+ \S+ \S+ \S+ \S+) /gu, '$1\n')
    .toLowerCase();
  return [
    ...references,
    lead.join('\n'),
    lead.join(' '),
    lead.map(hallucinated).join('\n'),
    [...middle, spliced].join('\n'),
    wrapped,
  ];
}

const fixtureText = (path: string) => readFileSync(join(root, path), 'utf8');

async function fixtureSources(): Promise<GoldenSource[]> {
  const { cases } = await loadFixtures(['test/eval/*.{jsonl,yaml}'], { cwd: root });
  const sources = cases.map((c) => {
    const input = c.input;
    // File inputs are read as they are (an HTML page's markup included): one more kind of text to tokenize.
    const text =
      input.kind === 'text' ? input.text : input.kind === 'file' ? readFileSync(input.path, 'utf8') : '';
    return { name: c.id, text, summaries: derivedSummaries(text, c.references) };
  });
  for (const path of [
    'test/fixtures/long/allotment-year.md',
    'test/fixtures/talk/night-buses-transcript.txt',
    'test/fixtures/summarize/mill-captions.txt',
  ]) {
    const text = fixtureText(path);
    sources.push({ name: path, text, summaries: derivedSummaries(text, []) });
  }
  // Over 512 sentences: words in more than 64 of them are too common to align on.
  const long = Array.from({ length: 4 }, () => sources.map((s) => s.text).join('\n\n')).join('\n\n');
  sources.push({
    name: 'all sources four times',
    text: long,
    summaries: sources.slice(0, 6).flatMap((s) => s.summaries.slice(0, 2)),
  });
  return sources;
}

const SOLAR =
  'The solar farm near Lüneburg was connected to the grid on Tuesday. It cost 12 million euros and is owned by ' +
  '340 residents of the village. Officials expect it to power four thousand homes.\n\nDr. Anke Vogel, who chairs ' +
  'the cooperative, said the panels were made in Saxony. About 44 per cent of them were installed in 2019.';

const HAND_WRITTEN: GoldenSource[] = [
  {
    name: 'numbers, negations and names',
    text: SOLAR,
    summaries: [
      '',
      '   \n\n  ',
      'It cost €12m, and 340 residents own it.\nIt will power 4,000 homes.',
      'The solar farm near Lüneburg was not connected to the grid.',
      "The farm didn't cost twelve million euros. Dr. Vogel doesn't chair it.",
      'About 44% were installed in 2019; forty-four percent in the seventieth year.',
      'Dr. A. Vogel said J. K. Rowling made the panels in Saxony on 4 March 2019.',
      'Home win.',
      'The farm cost $3bn and 1.2 million, or 1,5 Mio., and 70th of 200 thousand homes.',
      'It uses them.',
      'Anke Vogel Saxony Lüneburg Tuesday residents village panels cooperative grid homes',
      `${'word '.repeat(700)}end`,
    ],
  },
  {
    name: 'accents, ligatures, case that changes length',
    text:
      'İstanbul’da Çarşamba günü 1.250 kişi toplandı. ΟΔΟΣ ΑΘΗΝΩΝ ήταν κλειστή. Straße und Maße: ﬁnance ' +
      'café (decomposed: cafe\u0301) and naïve coöperation. The ﬁrm’s Ⅻ plan cost １２３ yen and ٣٤٥ dirham.',
    summaries: [
      'İstanbul’da 1.250 kişi toplandı.',
      'ΟΔΟΣ ΑΘΗΝΩΝ ήταν ανοιχτή.',
      'The finance café and the naive cooperation. The firm’s XII plan cost 123 yen.',
      'STRASSE und MASSE. Istanbul had 1250 people.',
    ],
  },
  {
    name: 'Chinese and Japanese, emoji and astral characters',
    text:
      '上海市政府周二宣布，新地铁线将于2025年开通。该项目耗资120亿元。東京都は新しい公園を開設した。' +
      'The 🚇 line serves 𝒜𝒷𝒸 district and costs ¥3,000.\n\nA lone \ud800 surrogate and 😀😀 stay inert.',
    summaries: [
      '新地铁线将于2025年开通。',
      '新地铁线将于2030年开通。该项目耗资150亿元。',
      '東京都は新しい駅を開設した。',
      'The 🚇 line serves 𝒜𝒷𝒸 district 😀 and costs ¥4,000.',
    ],
  },
  {
    name: 'no punctuation, hard-wrapped lines, long lines',
    text: `${Array.from({ length: 400 }, (_, i) => `item${i % 37} value ${i}`).join(' ')}\nNext line starts here`,
    summaries: [
      'item3 value 3 item4 value 4\nitem5 value 5 and item6',
      'item3 value 3 item4\nvalue 4 item5 value 5',
      `${Array.from({ length: 120 }, (_, i) => `item${i % 37} value ${i}`).join(' ')}.`,
      'Next line starts here. Item 36 value 399.',
    ],
  },
  {
    // "uses" stems to "us", which this source has only as a function word.
    name: 'a content word whose stem the source has only as a function word',
    text: 'Tell us more. They gave us the farm. The grid is new.',
    summaries: ['It uses them.', 'They use us.', 'Uses.'],
  },
  { name: 'empty source', text: '', summaries: ['Something happened.', ''] },
];

export async function goldenSources(): Promise<GoldenSource[]> {
  return [...(await fixtureSources()), ...HAND_WRITTEN];
}

/** A sentence as stored: text, support, and each span as [start, end, kind] (its text is the sentence's slice). */
type GoldenSentence = [string, number, [number, number, string][]];
export type GoldenResult = [number, GoldenSentence[]];

export function goldenForm(result: FaithfulnessResult): GoldenResult {
  return [
    result.faithfulness,
    result.sentences.map((s): GoldenSentence => {
      for (const span of s.unsupported)
        if (s.text.slice(span.start, span.end) !== span.text)
          throw new Error(`span ${JSON.stringify(span)} is not the slice of ${JSON.stringify(s.text)}`);
      return [s.text, s.support, s.unsupported.map((span) => [span.start, span.end, span.kind])];
    }),
  ];
}
