import { JUDGE_METRICS } from '#lib/judge/types';
import { escapeMarkdown, escapeTruncated } from '#lib/markdown/index';
import type { CaseAccess, EvalRun } from './case-access';
import { codeText } from './report-table';

/**
 * Said wherever judge metrics are shown: why they are advisory. The summaries are the PR's model's output, so
 * whoever writes the model writes what the judge reads.
 */
export const JUDGE_TRUST_NOTE =
  'Judge metrics are advisory. The summaries the judge reads come from the model under review, so a model author ' +
  'can try to talk to the judge from inside a summary; the prompt fences summaries and sources as data and tells ' +
  'the judge to ignore instructions in them, which makes that harder, not impossible. That is why the offline ' +
  '`faithfulness` metric stays the default gate, and judge metrics fail the check only when a `judge-…` threshold ' +
  'or `judge-gate` asks.';

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Who judged and what it cost, how many sources it read condensed and how many cases it could not judge (with the
 * first reason), then the trust note. Empty when the run was not judged. Every string from the settings, the
 * endpoint or a case is escaped or a code span.
 */
export function renderJudgeSection(result: EvalRun, cases: CaseAccess): string {
  const judge = result.settings.judge;
  if (!judge) return '';
  const usage = result.judge;
  const who = `**LLM judge** \`${codeText(judge.model)}\` at \`${codeText(judge.baseUrl)}\`, prompt \`${codeText(judge.promptVersion.slice(0, 12))}\``;
  const parts = [who];
  if (usage) {
    parts.push(
      `: ${count(usage.calls, 'call')}, ${count(usage.cacheHits, 'case')} from the cache, ` +
        `${count(usage.promptTokens, 'prompt token')} and ${count(usage.completionTokens, 'completion token')}.`,
    );
    if (usage.condensed > 0)
      parts.push(
        ` ${count(usage.condensed, 'source')} did not fit the judge's context, so the judge read ${usage.condensed === 1 ? 'its' : 'their'} map-reduce condensation: details may be missing from what it saw (scores.json marks those cases \`condensed\`, and so do their findings below).`,
      );
  } else parts.push('.');
  const failed = judgeFailures(cases);
  if (failed.count > 0)
    parts.push(
      ` ${count(failed.count, 'case')} could not be judged and ${failed.count === 1 ? 'has' : 'have'} no judge metrics (each reason is in scores.json), e.g. ${escapeTruncated(failed.first, 300, escapeMarkdown)}`,
    );
  return `${parts.join('')}\n\n> [!NOTE]\n> ${JUDGE_TRUST_NOTE}`;
}

function judgeFailures(cases: CaseAccess): { count: number; first: string } {
  let failures = 0;
  let first = '';
  for (let position = 0; position < cases.size; position++) {
    const reason = JUDGE_METRICS.map((m) => cases.metricError(position, m)).find((r) => r !== undefined);
    if (reason === undefined) continue;
    if (failures === 0) first = `${cases.id(position)}: ${reason}`;
    failures++;
  }
  return { count: failures, first };
}
