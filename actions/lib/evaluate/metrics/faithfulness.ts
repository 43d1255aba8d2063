import { z } from 'zod';
import type { SentenceSupport, UnsupportedKind } from '#lib/faithfulness/index';
import { points, signedPoints } from '../format';
import { defineMetric } from './description';
import { markSpans } from './mark-spans';

/** Bounds for a value read back from an untrusted scores.json; a real summary is far below them. */
const MAX_SENTENCES = 2000;
const MAX_SPANS = 2000;

const unsupportedSpanSchema = z.strictObject({
  text: z.string(),
  /** UTF-16 offsets into the sentence's text: whole numbers ≥ 0 (checked with the fractions below). */
  start: z.number(),
  end: z.number(),
  kind: z.enum(['name', 'number', 'date', 'word', 'phrase'] satisfies UnsupportedKind[]),
});

/** A sentence as the faithfulness metric reports it (#lib/faithfulness), bounded for an untrusted file. */
const sentenceSchema = z.strictObject({
  text: z.string(),
  support: z.number(),
  unsupported: z.array(unsupportedSpanSchema).max(MAX_SPANS),
}) satisfies z.ZodType<SentenceSupport>;

type Issue = { code: 'custom'; message: string; input: unknown; path: PropertyKey[] };

/**
 * One case's faithfulness: the score and, per summary sentence, its support and what the source lacks. The
 * numbers' ranges are checked in one pass over the value rather than by a min and a max per number (a merge
 * validates 80,000 of these), with the same key paths in its issues.
 */
export const faithfulnessValueSchema = z
  .strictObject({ value: z.number(), sentences: z.array(sentenceSchema).max(MAX_SENTENCES) })
  .check((ctx) => {
    const issue = (path: PropertyKey[], input: unknown, message: string): Issue => ({
      code: 'custom',
      message,
      input,
      path,
    });
    const { value, sentences } = ctx.value;
    if (!(value >= 0 && value <= 1))
      ctx.issues.push(issue(['value'], value, 'expected a fraction in [0, 1]'));
    sentences.forEach((sentence, i) => {
      if (!(sentence.support >= 0 && sentence.support <= 1))
        ctx.issues.push(
          issue(['sentences', i, 'support'], sentence.support, 'expected a fraction in [0, 1]'),
        );
      sentence.unsupported.forEach((span, j) => {
        for (const key of ['start', 'end'] as const)
          if (!Number.isInteger(span[key]) || span[key] < 0)
            ctx.issues.push(
              issue(['sentences', i, 'unsupported', j, key], span[key], 'expected a whole number ≥ 0'),
            );
      });
    });
  });

export type FaithfulnessValue = z.infer<typeof faithfulnessValueSchema>;

/** Sentences listed per case; the rest are counted. */
const MAX_LISTED_SENTENCES = 4;

export const FAITHFULNESS_DESCRIPTION = defineMetric({
  name: 'faithfulness',
  schema: faithfulnessValueSchema,
  value: (v) => v.value,
  aggregate: 'mean',
  direction: 'higher',
  computed: 'always',
  gatesByDefault: true,
  render: {
    label: 'faithfulness',
    legend:
      'how much of the summary the source supports, sentence by sentence (names, numbers, dates and words the source lacks count against it)',
    format: points,
    formatDelta: signedPoints,
    trendChart: true,
  },
  findings: {
    heading: 'Possible hallucinations',
    note: 'what the source does not support is in bold',
    count: (v) => v.sentences.reduce((sum, s) => sum + s.unsupported.length, 0),
    render: renderUnsupported,
  },
});

/**
 * The sentences that have unsupported spans, least supported first, each with its spans in bold and their kinds,
 * as list items; at most MAX_LISTED_SENTENCES of them and `maxChars` in all.
 */
function renderUnsupported(value: FaithfulnessValue, maxChars: number): string {
  const flagged = value.sentences
    .map((sentence, index) => ({ sentence, index }))
    .filter(({ sentence }) => sentence.unsupported.length > 0)
    .sort((a, b) => a.sentence.support - b.sentence.support || a.index - b.index);
  const lines: string[] = [];
  let used = 0;
  for (const { sentence } of flagged.slice(0, MAX_LISTED_SENTENCES)) {
    const kinds = [...new Set(sentence.unsupported.map((s) => s.kind))].join(', ');
    const line = `  - ${markSpans(sentence.text, sentence.unsupported)} _(support ${points(sentence.support)}; unsupported: ${kinds})_`;
    if (used + line.length + 1 > maxChars) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = flagged.length - lines.length;
  if (more > 0) {
    const line = `  - _${more} more sentence${more === 1 ? '' : 's'} with unsupported spans in scores.json_`;
    if (used + line.length <= maxChars) lines.push(line);
  }
  return lines.join('\n');
}
