// The floor under `sumops summarize PAGE` (scripts/bench/bench-cli.ts --floor): the library code that command runs on a
// local HTML page, without the CLI around it, stopped after a stage. `load`: import the extraction code; `extract`:
// and extract the page; `summarize`: and load the summarizer and summarize the text. Each stage's time over Node's
// own start-up is what no CLI work can remove while the command uses these libraries.
import { readFileSync, writeSync } from 'node:fs';

// As the CLI does for a command (scripts/cli/main.ts).
process.getBuiltinModule('node:module').enableCompileCache?.();
const [stage = 'summarize', page = ''] = process.argv.slice(2);
const { extractArticle } = await import('#lib/ingest/extract-article');
if (stage !== 'load') {
  const { text } = extractArticle(readFileSync(page, 'utf8'));
  if (stage === 'summarize') {
    const { extractSummary } = await import('#lib/summarize/embedded');
    writeSync(1, `${extractSummary(text, {}).join('\n')}\n`);
  }
}
