// Run by bench-shards.ts after bundling it with the same esbuild settings as the CLI, in a fresh `node` (no tsx
// loader, whose ~40 MB would count against the memory target). Times the library calls a merge job makes and
// prints { seconds, maxRssMb } as JSON.
//   merge-child DIR read-only              read and JSON.parse the shard files (the baseline)
//   merge-child DIR merge                  mergeShards
//   merge-child DIR merge-out OUT          mergeShards, then write scores.json and report.md
//   merge-child DIR baseline OUT           read main's scores.json too, compare, write both files
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBaselineFile } from '#lib/evaluate/baseline-file';
import { mergeShards } from '#lib/evaluate/merge';
import { writeEvalOutputs } from '#lib/evaluate/outputs';
import { readFileBytes } from '#lib/fs/read-text-file';
import { peakRssKb } from './peak-rss.mjs';

const [dir = '', variant = 'merge', out = '', count = '8'] = process.argv.slice(2);
const files = Array.from({ length: Number(count) }, (_, i) => join(dir, `shard-${i + 1}`, 'scores.json'));
const started = performance.now();
if (variant === 'read-only') {
  for (const file of files) JSON.parse(await readFile(file, 'utf8'));
} else {
  const path = join(dir, 'baseline.json');
  const baseline =
    variant === 'baseline'
      ? { source: { kind: 'file' as const, path }, scores: await readBaselineFile(path) }
      : undefined;
  const merged = await mergeShards(
    files,
    { tolerance: 0.01, ...(baseline ? { baseline } : {}) },
    { readFile: readFileBytes },
  );
  if (variant !== 'merge') await writeEvalOutputs(merged, out);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssMb: peakRssKb() / 1024 }));
