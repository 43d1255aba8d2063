/**
 * Child process for test/e2e/space-exit.test.ts: summarizes stdin once through the Space provider at the URL in
 * argv[2], prints the summary, closes the summarizer and then simply returns. It never calls process.exit, so the
 * process ends only if nothing (socket, stream, timer) is left open.
 */
import { readFileSync } from 'node:fs';
import { silentLogger, systemClock } from '#lib/log';
import { createSpaceSummarizer } from '#lib/summarize/space';

const url = process.argv[2];
if (!url) throw new Error('usage: gradio-client-once.ts <app url> < text');
const summarizer = await createSpaceSummarizer({ space: url, logger: silentLogger, clock: systemClock });
const summary = await summarizer.summarize({ text: readFileSync(0, 'utf8'), sentences: 1 });
await summarizer.close?.();
process.stdout.write(`${summary.text}\n`);
