import type { EvalResult } from '#lib/evaluate/index';
import type { DeployedRuntime, SpaceDeployStageError, SpaceDeployTimeoutError } from './runtime';
import type { SmokeTestError } from './smoke';
import type { SyncResult } from './types';

export type SmokeOutcome = 'passed' | 'failed' | 'skipped';

/** Why a deploy did not go live. */
export type DeployFailure =
  | { kind: 'build'; error: SpaceDeployStageError }
  | { kind: 'timeout'; error: SpaceDeployTimeoutError }
  | { kind: 'smoke'; error: SmokeTestError };

export interface RollbackReport {
  /** The revision whose tree was committed back; null when only settings were put back. */
  to: string | null;
  /** The rollback commit; null when the tree already matched (or was not touched). */
  commit: string | null;
  /** Variables set back to their values from before this run (or deleted, when they were new). */
  variables: string[];
  /** Secrets this run set: the Hub never returns secret values, so they keep the new ones. */
  secretsKept: string[];
  /** Stage after the rollback; null when it could not be waited for. */
  stage: string | null;
  /** Why the rollback itself failed, if it did. */
  error?: string;
}

export interface DeployReport {
  spaceId: string;
  /** The Space's page on the Hub. */
  url: string;
  /** Link to the Space commit; null when nothing was committed. */
  commitUrl: string | null;
  dryRun: boolean;
  created: boolean;
  sync: SyncResult;
  /** The commit the Space should run: the new one, else the head the sync found; null for an empty Space. */
  spaceCommit: string | null;
  /** Variables this run changed and secrets it set (keys only). */
  settingsChanged: { variables: string[]; secrets: string[] };
  /** Last runtime stage seen; null on a dry run. */
  stage: string | null;
  runtime?: DeployedRuntime;
  smoke: SmokeOutcome;
  smokeSummary?: string;
  failure?: DeployFailure;
  rolledBack: boolean;
  rollback?: RollbackReport;
  evaluation?: EvalResult;
  /** The evaluation could not run; the deploy itself stands. */
  evaluationError?: string;
  /**
   * `deployed`: new files or settings are live and answering; `unchanged`: nothing to change, and the Space was
   * verified running (when waiting); `planned`: dry run; `failed`: not live (see `failure`).
   */
  outcome: 'deployed' | 'unchanged' | 'planned' | 'failed';
}

export function describeFailure(failure: DeployFailure): string {
  switch (failure.kind) {
    case 'build':
      return `the Space ended in ${failure.error.stage}`;
    case 'timeout':
      return `the Space was still ${failure.error.stage} at the timeout`;
    case 'smoke':
      return 'the smoke test failed';
  }
}

/** What a rollback put back, after "Rolled back": "to <sha> and the variable SUMOPS_MODEL". */
export function describeRollback(rollback: RollbackReport): string {
  const parts = [
    ...(rollback.to ? [`to ${rollback.to}`] : []),
    ...(rollback.variables.length > 0
      ? [`the variable${rollback.variables.length > 1 ? 's' : ''} ${rollback.variables.join(', ')}`]
      : []),
  ];
  const kept =
    rollback.secretsKept.length > 0
      ? ` (the secret${rollback.secretsKept.length > 1 ? 's' : ''} ${rollback.secretsKept.join(', ')} keep their new values: the Hub never returns secret values)`
      : '';
  return `${parts.join(' and ') || 'nothing'}${kept}`;
}
