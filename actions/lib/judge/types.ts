// Plain data and constants only: readers of scores.json (the comment action) take the names and bounds from here
// without loading the OpenAI client that the rest of the judge needs.

/** What the judge may say about one claim of the summary (FActScore / DeepEval's faithfulness vocabulary). */
export const CLAIM_VERDICTS = ['supported', 'contradicted', 'not_in_source'] as const;
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

/** Claims the judge may list: enough for a long summary's statements, and a bound on the answer's size. */
export const MAX_CLAIMS = 25;

/** The judge's three metrics, each a fraction (0..1, higher is better). */
export const JUDGE_METRICS = ['judge-faithfulness', 'judge-coverage', 'judge-coherence'] as const;
export type JudgeMetric = (typeof JUDGE_METRICS)[number];

/** One case to judge: the source document and the summary a model wrote of it. */
export interface JudgeCase {
  id: string;
  source: string;
  summary: string;
}

export interface JudgeMetricScore {
  /** The fraction: supported claims / claims for faithfulness, (rating − 1) / 4 for coverage and coherence. */
  value: number;
  /** The judge's reason, one line of at most MAX_REASON_CHARS. Model output: escape it before showing it. */
  reason: string;
  /** The judge's 1–5 rating (coverage, coherence); faithfulness counts claims instead. */
  rating?: number;
}

/** A claim of the summary that the judge did not find supported. Model output: escape it before showing it. */
export interface FlaggedClaim {
  claim: string;
  verdict: Exclude<ClaimVerdict, 'supported'>;
}

export interface ClaimCounts {
  total: number;
  supported: number;
  /** The claims that were not supported, in the judge's order, each cut to MAX_REASON_CHARS. */
  flagged: FlaggedClaim[];
}

export interface ScoredCase {
  id: string;
  status: 'scored';
  metrics: Record<JudgeMetric, JudgeMetricScore>;
  claims: ClaimCounts;
  /** The source did not fit the judge's context and was judged on its map-reduce condensation. */
  condensed: boolean;
  /** From the cache: no call was made. */
  cached: boolean;
}

/** Why a case has no judge metrics (the run goes on without them). */
export type JudgeFailureKind =
  /** The answer failed JSON or schema validation twice (first answer and one retry). */
  | 'invalid-answer'
  /** A call took longer than the per-call timeout. */
  | 'timeout'
  /** Still HTTP 429 after the allowed retries, or Retry-After asked for longer than allowed. */
  | 'rate-limited'
  /** Still 5xx after the allowed retries. */
  | 'server-error'
  /** The summary, the source or its condensation does not fit the judge's context. */
  | 'too-long'
  /** The endpoint refused the request for another reason (a 4xx, a dropped connection). */
  | 'request-failed'
  /** The run's time budget (maxTotalMs) was spent before this case started. */
  | 'time-budget';

export interface FailedCase {
  id: string;
  status: 'error';
  kind: JudgeFailureKind;
  /** One line, naming what failed (with the endpoint's status and message when there was one). */
  reason: string;
}

export type JudgeCaseResult = ScoredCase | FailedCase;

export interface JudgeUsage {
  /** Chat completions answered (judgements, retries of invalid answers and condensation calls). */
  calls: number;
  /** Cases answered from the cache, without a call. */
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
}

export interface JudgeRun {
  /** sha256 of the prompt and schema (JUDGE_PROMPT_VERSION), for scores.json settings. */
  promptVersion: string;
  baseUrl: string;
  model: string;
  /** In the order of the cases given. */
  cases: JudgeCaseResult[];
  usage: JudgeUsage;
}
