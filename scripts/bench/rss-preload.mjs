// Preloaded into a benchmarked child (`node --import ./scripts/bench/rss-preload.mjs …`): on exit, writes the
// process's peak resident set size (kB) and CPU time (µs, user + system) as JSON to SUMOPS_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';
import { peakRssKb } from './peak-rss.mjs';

const file = process.env.SUMOPS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRssKb: peakRssKb(), cpuUs: usage.userCPUTime + usage.systemCPUTime }),
    );
  });
}
