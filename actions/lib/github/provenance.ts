/**
 * The footer of every evaluation comment on a PR. Its numbers and verdict come from the PR's own evaluate run: the
 * workflow and the action that produce them are the PR's versions (`pull_request` runs the workflow file of the
 * PR's branch), so a PR that changes `.github/` or `actions/` can make them say anything. Readers must know that
 * only main's push run, the one the deploy gate requires, is authoritative.
 */
export const PR_RUN_PROVENANCE =
  "<sub>These numbers and the verdict come from this pull request's own evaluate run: a PR that changes " +
  '`.github/` or `actions/` can change them too. Only the evaluation of `main` (its push run, which the deploy ' +
  'gate requires) is authoritative, so have changes to `.github/` and `actions/` reviewed (CODEOWNERS).</sub>';

/** The report as posted on a PR: with the provenance footer, after everything else (the marker included). */
export function withProvenance(report: string): string {
  return `${report.replace(/\n+$/, '')}\n\n${PR_RUN_PROVENANCE}\n`;
}
