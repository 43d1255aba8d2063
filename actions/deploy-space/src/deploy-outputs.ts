import { join, resolve } from 'node:path';
import type { DeployReport } from '#lib/deploy/deploy-report';
import { writeEvalOutputs } from '#lib/evaluate/index';
import { historyRecordFromResult } from '#lib/history/index';
import { writeHistoryRecord } from '#action-support/history-file';

/** The action's outputs about the deploy itself: the Space, its commit, the file counts, stage and smoke test. */
export function deployOutputs(report: DeployReport): Record<string, string> {
  return {
    'commit-sha': report.sync.commit ?? '',
    'space-id': report.spaceId,
    'space-url': report.url,
    added: String(report.sync.added.length),
    updated: String(report.sync.updated.length),
    deleted: String(report.sync.deleted.length),
    stage: report.stage ?? '',
    'rolled-back': String(report.rolledBack),
    smoke: report.smoke,
  };
}

/**
 * scores.json of the live Space, in a folder named after the Space commit, for the workflow to upload, and the
 * history line deploy.yml's history job appends (which model version went live, and how it scored).
 */
export async function writeEvalRecord(
  report: DeployReport,
  outDir: string,
  context: { workspace: string; gitSha: string },
): Promise<Record<'eval-path' | 'eval-artifact' | 'history-record-path', string>> {
  // The commit the Space runs: a new one, or the head when only the settings (e.g. SUMOPS_MODEL) changed.
  const commit = report.spaceCommit;
  if (!report.evaluation || !commit)
    return { 'eval-path': '', 'eval-artifact': '', 'history-record-path': '' };
  const name = `eval-${commit}`;
  const dir = join(resolve(context.workspace, outDir), name);
  const { scoresPath } = await writeEvalOutputs(report.evaluation, dir);
  const record = historyRecordFromResult(report.evaluation, {
    kind: 'deploy',
    spaceCommit: commit,
    gitSha: context.gitSha,
  });
  return {
    'eval-path': scoresPath,
    'eval-artifact': name,
    'history-record-path': await writeHistoryRecord(record, join(dir, 'history-record.jsonl')),
  };
}
