import { z } from 'zod';
import { MAX_CLAIMS } from '#lib/judge/types';
import type { ClaimVerdict } from '#lib/judge/types';
import { escapeMarkdown, escapeTruncated } from '#lib/markdown/index';
import { points, signedPoints } from '../format';
import type { MetricDescription } from './description';
import { defineMetric } from './description';

/**
 * The LLM judge's metrics (#lib/judge) as scores.json holds them: a fraction, the judge's one-line reason, for
 * faithfulness the claim counts and the claims it did not find supported, for coverage and coherence the 1–5
 * rating; `condensed` when the source did not fit the judge's context and it read a condensation instead. They are
 * computed on request only (each case costs a call) and gate only when asked: a model author controls the judged
 * text and can try to talk to the judge, so the offline faithfulness metric stays the default gate.
 */

/** The judge keeps reasons and claims to 300 characters; an untrusted file may hold a little more, not more. */
const MAX_TEXT = 1000;

const fraction = z.number().min(0).max(1);
const text = z.string().max(MAX_TEXT);
const condensed = z.literal(true).optional();

const flaggedClaimSchema = z.strictObject({
  claim: text,
  verdict: z.enum(['contradicted', 'not_in_source'] satisfies Exclude<ClaimVerdict, 'supported'>[]),
});

/** judge-faithfulness: the supported share of the summary's claims, and the claims that were not supported. */
export const judgeFaithfulnessValueSchema = z.strictObject({
  value: fraction,
  reason: text,
  claims: z.strictObject({
    total: z.int().min(0).max(MAX_CLAIMS),
    supported: z.int().min(0).max(MAX_CLAIMS),
    flagged: z.array(flaggedClaimSchema).max(MAX_CLAIMS),
  }),
  condensed,
});
export type JudgeFaithfulnessValue = z.infer<typeof judgeFaithfulnessValueSchema>;

/** judge-coverage and judge-coherence: a 1–5 rating as (rating − 1) / 4, and the reason the judge gave first. */
export const judgeRatingValueSchema = z.strictObject({
  value: fraction,
  reason: text,
  rating: z.int().min(1).max(5),
  condensed,
});
export type JudgeRatingValue = z.infer<typeof judgeRatingValueSchema>;

/** Claims listed per case in a report; the rest are counted. */
const MAX_LISTED_CLAIMS = 4;
const VERDICT_TEXT = { contradicted: 'contradicted by the source', not_in_source: 'not in the source' };
const CONDENSED_LINE =
  "  - _judged on a condensation of the source, which did not fit the judge's context: details may be missing_";

/** Lines (each `  - …`) kept while they fit `maxChars` in all, the first ones first. */
function fitLines(lines: readonly string[], maxChars: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > maxChars) break;
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}

/** One escaped line of model output, at most `max` characters once escaped. */
function quoted(raw: string, max = 400): string {
  return escapeTruncated(raw, max, escapeMarkdown);
}

function renderFlaggedClaims(value: JudgeFaithfulnessValue, maxChars: number): string {
  const { flagged, total } = value.claims;
  const lines = [`  - _judge:_ ${quoted(value.reason)}`];
  for (const claim of flagged.slice(0, MAX_LISTED_CLAIMS))
    lines.push(`  - ${quoted(claim.claim)} _(${VERDICT_TEXT[claim.verdict]})_`);
  const more = flagged.length - Math.min(flagged.length, MAX_LISTED_CLAIMS);
  if (more > 0) lines.push(`  - _${more} more unsupported claim${more === 1 ? '' : 's'} in scores.json_`);
  lines.push(`  - _${total - flagged.length} of ${total} claims supported_`);
  if (value.condensed) lines.push(CONDENSED_LINE);
  return fitLines(lines, maxChars);
}

function renderRating(value: JudgeRatingValue, maxChars: number): string {
  const lines = [`  - _judge (${value.rating}/5):_ ${quoted(value.reason)}`];
  if (value.condensed) lines.push(CONDENSED_LINE);
  return fitLines(lines, maxChars);
}

/** What the three share: a fraction that aggregates as a mean, higher is better, on request, gating only when asked. */
function judgeMetric<const Name extends string, Schema extends z.ZodType<{ value: number }>>(
  name: Name,
  schema: Schema,
  legend: string,
  findings: NonNullable<MetricDescription<Name, Schema>['findings']>,
): MetricDescription<Name, Schema> {
  return defineMetric({
    name,
    schema,
    value: (v) => v.value,
    aggregate: 'mean',
    direction: 'higher',
    computed: 'on-request',
    gatesByDefault: false,
    render: { label: name, legend, format: points, formatDelta: signedPoints, trendChart: false },
    findings,
  });
}

const RATING_NOTE = 'with the judge’s rating and reason';
const belowFive = (v: JudgeRatingValue) => (v.rating < 5 ? 1 : 0);

export const JUDGE_DESCRIPTIONS = [
  judgeMetric(
    'judge-faithfulness',
    judgeFaithfulnessValueSchema,
    "an LLM judge's share of the summary's claims that the source supports, claim by claim",
    {
      heading: 'Judge: unsupported claims',
      note: 'with the judge’s reason (model output: a reviewer’s pointer, not a verdict)',
      count: (v) => v.claims.flagged.length,
      render: renderFlaggedClaims,
    },
  ),
  judgeMetric(
    'judge-coverage',
    judgeRatingValueSchema,
    "the judge's 1–5 rating of how many of the source's main points the summary has, as (rating − 1) / 4",
    { heading: 'Judge: coverage', note: RATING_NOTE, count: belowFive, render: renderRating },
  ),
  judgeMetric(
    'judge-coherence',
    judgeRatingValueSchema,
    "the judge's 1–5 rating of how well the summary reads as one organized whole, as (rating − 1) / 4",
    { heading: 'Judge: coherence', note: RATING_NOTE, count: belowFive, render: renderRating },
  ),
] as const;
