// `make bench`: every benchmark (scripts/bench/bench-*.ts) in turn. Each prints its own Markdown table (with a
// baseline measured in the same run) and skips with a message when ../shared/data is absent. Arguments pick
// benchmarks by a word of their name: `npm run bench -- rouge deploy`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const dir = 'scripts/bench';
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((name) => /^bench-.+\.ts$/.test(name))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();
let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n## ${name}\n\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}/${name}`], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`\n${name} exited with ${result.status ?? result.signal}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
