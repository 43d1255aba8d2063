import type { JudgeAnswer } from './schema';
import type { ClaimCounts, FlaggedClaim, JudgeMetric, JudgeMetricScore } from './types';

/** Longest reason or claim kept: enough for a sentence, bounded whatever the model wrote. */
export const MAX_REASON_CHARS = 300;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_REASON_CHARS ? line : `${line.slice(0, MAX_REASON_CHARS - 1)}…`;
}

/** A 1–5 rating as a fraction: 1 → 0, 3 → 0.5, 5 → 1, so every metric shares the 0..1 scale of the others. */
export function ratingFraction(rating: number): number {
  return (rating - 1) / 4;
}

/**
 * The metrics an answer gives. Faithfulness is the share of the summary's claims the source supports (a claim that
 * is contradicted or not in the source counts against it equally: both are unsupported statements); coverage and
 * coherence map their ratings linearly.
 */
export function scoreAnswer(answer: JudgeAnswer): {
  metrics: Record<JudgeMetric, JudgeMetricScore>;
  claims: ClaimCounts;
} {
  const flagged: FlaggedClaim[] = [];
  let supported = 0;
  for (const { claim, verdict } of answer.claims) {
    if (verdict === 'supported') supported++;
    else flagged.push({ claim: oneLine(claim), verdict });
  }
  const total = answer.claims.length;
  return {
    metrics: {
      'judge-faithfulness': { value: supported / total, reason: oneLine(answer.faithfulness_reason) },
      'judge-coverage': {
        value: ratingFraction(answer.coverage.score),
        reason: oneLine(answer.coverage.reason),
        rating: answer.coverage.score,
      },
      'judge-coherence': {
        value: ratingFraction(answer.coherence.score),
        reason: oneLine(answer.coherence.reason),
        rating: answer.coherence.score,
      },
    },
    claims: { total, supported, flagged },
  };
}

/** An empty summary says nothing: every metric is 0 and no call is made. */
export function emptySummaryScores(): {
  metrics: Record<JudgeMetric, JudgeMetricScore>;
  claims: ClaimCounts;
} {
  const reason = 'the summary is empty';
  return {
    metrics: {
      'judge-faithfulness': { value: 0, reason },
      'judge-coverage': { value: 0, reason, rating: 1 },
      'judge-coherence': { value: 0, reason, rating: 1 },
    },
    claims: { total: 0, supported: 0, flagged: [] },
  };
}
