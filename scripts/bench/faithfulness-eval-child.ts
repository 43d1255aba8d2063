// One process that runs the embedded evaluation of CNN/DM articles with and without the faithfulness metric, in the
// order given, and writes each run's CPU and wall time as JSON to stdout. Started by scripts/bench/faithfulness-
// cost.ts with the CLI's V8 flags:
//   faithfulness-eval-child.ts ARTICLES_JSONL COUNT SEQUENCE [MODE]
// SEQUENCE: F = with faithfulness, R = without. MODE `extracts` (default): the embedded summarizer as it is, whose
// sentences are copies of the article's; `lowercased`: its sentences lowercased (as FRANK's system summaries are), so
// that none is a verbatim copy and each is compared with the article word by word.
import { DEFAULT_METRICS, runEvaluation } from '#lib/evaluate/index';
import type { EvalCase, EvalResult } from '#lib/evaluate/index';
import { silentLogger, systemClock } from '#lib/log';
import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import type { Summarizer } from '#lib/summarize/types';
import { loadEvalCases } from './faithfulness-cases';

export type SummaryMode = 'extracts' | 'lowercased';

export interface TimedRun {
  faithfulness: boolean;
  cpuMs: number;
  wallMs: number;
}

/**
 * runEvaluation as `sumops eval` calls it, embedded provider; without faithfulness, the metric is taken out of the
 * metrics every run computes for this one call (scoring, aggregate, bootstrap and gates then skip it, as they
 * follow the run's metric list), and put back.
 */
function lowercasing(): Summarizer {
  const inner = createEmbeddedSummarizer();
  return {
    ...inner,
    async summarize(request) {
      const summary = await inner.summarize(request);
      const sentences = summary.sentences.map((sentence) => sentence.toLowerCase());
      return { ...summary, sentences, text: sentences.join('\n') };
    },
  };
}

async function evaluate(cases: EvalCase[], faithfulness: boolean, mode: SummaryMode): Promise<EvalResult> {
  const at = DEFAULT_METRICS.indexOf('faithfulness');
  if (at < 0) throw new Error('faithfulness is no longer a default metric: this benchmark measures nothing');
  if (!faithfulness) DEFAULT_METRICS.splice(at, 1);
  try {
    const result = await runEvaluation(
      { cases, provider: { kind: 'embedded' } },
      {
        logger: silentLogger,
        clock: systemClock,
        ...(mode === 'lowercased' ? { createSummarizer: () => Promise.resolve(lowercasing()) } : {}),
      },
    );
    if (result.settings.metrics.includes('faithfulness') !== faithfulness)
      throw new Error(`the run's metrics are ${result.settings.metrics.join(', ')}: not what was asked`);
    return result;
  } finally {
    if (!faithfulness) DEFAULT_METRICS.splice(at, 0, 'faithfulness');
  }
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function main(): Promise<void> {
  const [path, count, sequence, mode = 'extracts'] = process.argv.slice(2);
  if (!path || !count || !sequence || (mode !== 'extracts' && mode !== 'lowercased'))
    throw new Error('usage: faithfulness-eval-child.ts ARTICLES COUNT SEQUENCE [extracts|lowercased]');
  const cases = loadEvalCases(path, Number(count));
  const runs: TimedRun[] = [];
  let rouge: string | undefined;
  for (const letter of sequence) {
    const faithfulness = letter === 'F';
    // No forced collection between runs: a full collection drops optimized code that embeds objects it frees, and
    // re-optimizing it on helper threads then counts as the next run's CPU time (≈ +20 points here). Garbage one run
    // leaves to the next falls on both sides alike, as the order alternates.
    const cpuStart = cpuMs();
    const wallStart = performance.now();
    const result = await evaluate(cases, faithfulness, mode);
    runs.push({ faithfulness, cpuMs: cpuMs() - cpuStart, wallMs: performance.now() - wallStart });
    // The same evaluation either way: the ROUGE aggregate must not move.
    const aggregate = JSON.stringify(result.aggregate.rouge1);
    if (rouge !== undefined && aggregate !== rouge) throw new Error('ROUGE-1 differs between runs');
    rouge = aggregate;
  }
  process.stdout.write(JSON.stringify(runs));
}

await main();
