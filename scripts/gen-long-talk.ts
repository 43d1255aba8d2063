// Writes the long test talk (test/harness/long-talk/: a repair-café training day, about 2 h 10 min with a lunch
// break) in the three spoken formats sumops reads, to try it by hand or through the CLI:
//   npx tsx scripts/gen-long-talk.ts [DIR]   (default out/long-talk)
//   npx sumops summarize out/long-talk/talk.json out/long-talk/talk.vtt out/long-talk/talk.txt
// Deterministic: the same bytes on every run. The tests and bench-coverage build the same talk in memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { longTalk, toPlainText, toTranscribeJson, toWebVtt } from '../test/harness/long-talk/formats';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'out', 'long-talk'));
mkdirSync(dir, { recursive: true });
const talk = longTalk();
for (const [name, content] of [
  ['talk.json', toTranscribeJson(talk)],
  ['talk.vtt', toWebVtt(talk)],
  ['talk.txt', toPlainText(talk)],
] as const) {
  writeFileSync(join(dir, name), content);
  console.log(`${join(dir, name)}: ${Buffer.byteLength(content)} bytes`);
}
const minutes = (seconds: number): string => (seconds / 60).toFixed(1);
const silent = talk.silences.reduce((sum, [from, to]) => sum + to - from, 0);
console.log(
  `${talk.words.length} words, ${minutes(talk.duration)} min in all, ${minutes(talk.duration - silent)} min without the break`,
);
