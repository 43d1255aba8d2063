import { SumopsError } from '#lib/errors';
import type { JudgeSession } from '#lib/judge/session';
import type { JudgeFailureKind, ScoredCase } from '#lib/judge/types';
import { JUDGE_METRICS } from '#lib/judge/types';
import type { MetricScorer } from './scorers';
import type { CaseResult, CaseScores, JudgeInfo } from './types';

/** One case's judge call failed (its judge metrics carry this as their metricErrors; the other cases count). */
export class JudgeCaseError extends SumopsError {
  constructor(
    readonly kind: JudgeFailureKind,
    readonly reason: string,
  ) {
    super(`the judge failed on this case (${kind}): ${reason}`);
  }
}

/** A scored judgement as the judge metrics' values in scores.json (model output stays as given: readers escape it). */
export function judgeValuesOf(judged: ScoredCase): Partial<CaseScores> {
  const condensed = judged.condensed ? { condensed: true as const } : {};
  const { metrics, claims } = judged;
  const rating = (metric: 'judge-coverage' | 'judge-coherence') => ({
    value: metrics[metric].value,
    reason: metrics[metric].reason,
    rating: metrics[metric].rating ?? 1,
    ...condensed,
  });
  return {
    'judge-faithfulness': {
      value: metrics['judge-faithfulness'].value,
      reason: metrics['judge-faithfulness'].reason,
      claims: { total: claims.total, supported: claims.supported, flagged: claims.flagged },
      ...condensed,
    },
    'judge-coverage': rating('judge-coverage'),
    'judge-coherence': rating('judge-coherence'),
  };
}

/** The judge as a scorer: each case's summary is judged against the source the case was summarized from. */
export function judgeScorer(session: JudgeSession): MetricScorer {
  return {
    metrics: JUDGE_METRICS,
    async score({ id, summary, source }) {
      const judged = await session.judge({ id, source: source.text, summary });
      if (judged.status === 'error') throw new JudgeCaseError(judged.kind, judged.reason);
      return judgeValuesOf(judged);
    },
  };
}

/**
 * Who judged, for scores.json: the endpoint without credentials, query or fragment (a key can hide in either),
 * so the recorded settings never hold a secret.
 */
export function judgeInfoOf(summary: { promptVersion: string; model: string; baseUrl: string }): JudgeInfo {
  let baseUrl = summary.baseUrl;
  if (URL.canParse(baseUrl)) {
    const url = new URL(baseUrl);
    baseUrl = `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  }
  return { promptVersion: summary.promptVersion, model: summary.model, baseUrl };
}

/** Cases whose judge metrics were given on a condensation of their source. */
export function condensedCount(results: readonly CaseResult[]): number {
  let count = 0;
  for (const result of results) {
    const value = result.scores?.['judge-faithfulness'];
    if (value?.condensed) count++;
  }
  return count;
}
