// The merge benchmark's input (bench-shards.ts): the shard files of one sharded run of `casesPerShard` × `shards`
// scored version-2 cases, as `eval --shard` writes them, and main's scores.json over the same cases, a little lower,
// as the baseline a PR's merge compares with.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalResult } from '#lib/evaluate/index';
import { assignShards, formatScoresJson } from '#lib/evaluate/index';

export async function writeMergeInputs(
  mergeDir: string,
  whole: EvalResult,
  MERGE: { shards: number; casesPerShard: number },
): Promise<string> {
  const total = MERGE.shards * MERGE.casesPerShard;
  const ids = Array.from({ length: total }, (_, i) => `case-${String(i).padStart(6, '0')}`);
  const shards = assignShards(ids, MERGE.shards);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const score = () => {
    const f = 0.2 + random() * 0.3;
    return { precision: f, recall: f, fmeasure: f };
  };
  // A version-2 case: faithfulness with its per-sentence detail, a third of the summaries with an invented name.
  const faithfulness = () => {
    const invented = random() < 0.33;
    const first = 'The council approved the budget.';
    const second = invented
      ? 'The vote on Okoro followed a long debate.'
      : 'The vote followed a long debate.';
    const support = invented ? 0.8 : 1;
    return {
      value: (1 + support) / 2,
      sentences: [
        { text: first, support: 1, unsupported: [] },
        {
          text: second,
          support,
          unsupported: invented ? [{ text: 'Okoro', start: 12, end: 17, kind: 'name' as const }] : [],
        },
      ],
    };
  };
  const byShard: EvalResult['cases'][] = Array.from({ length: MERGE.shards }, () => []);
  for (const id of ids) {
    const scores = {
      rouge1: score(),
      rouge2: score(),
      rougeL: score(),
      rougeLsum: score(),
      faithfulness: faithfulness(),
    };
    byShard[(shards.get(id) ?? 1) - 1]?.push({
      id,
      tags: ['news'],
      origin: `cases.jsonl:${id.slice(5)}`,
      references: ['The council approved the budget on Tuesday after a long debate.'],
      summary: `The council approved the budget.\n${scores.faithfulness.sentences[1]?.text ?? ''}`,
      scores,
      latencyMs: 400 + Math.round(random() * 200),
      durationMs: 500,
    });
  }
  for (let k = 0; k < MERGE.shards; k++) {
    const shard: EvalResult = {
      ...whole,
      createdAt: '2026-12-01T00:00:00.000Z',
      fixtureSet: { hash: 'sha256:bench', cases: total },
      shard: { index: k + 1, count: MERGE.shards, ids },
      cases: byShard[k] ?? [],
    };
    await mkdir(join(mergeDir, `shard-${k + 1}`), { recursive: true });
    await writeFile(join(mergeDir, `shard-${k + 1}`, 'scores.json'), formatScoresJson(shard));
  }
  // Main's scores.json over the same 80,000 cases, a little lower: the baseline a PR's merge compares with.
  const baselineCases = byShard.flat().map((c) => {
    const lower = (x: { precision: number; recall: number; fmeasure: number } | undefined) => ({
      precision: (x?.precision ?? 0) * 0.98,
      recall: (x?.recall ?? 0) * 0.98,
      fmeasure: (x?.fmeasure ?? 0) * 0.98,
    });
    const scores = c.scores ?? {};
    return {
      ...c,
      scores: {
        rouge1: lower(scores.rouge1),
        rouge2: lower(scores.rouge2),
        rougeL: lower(scores.rougeL),
        rougeLsum: lower(scores.rougeLsum),
        ...(scores.faithfulness
          ? { faithfulness: { ...scores.faithfulness, value: scores.faithfulness.value * 0.98 } }
          : {}),
      },
    };
  });
  await writeFile(
    join(mergeDir, 'baseline.json'),
    formatScoresJson({ ...whole, fixtureSet: { hash: 'sha256:bench', cases: total }, cases: baselineCases }),
  );
  return mergeDir;
}
