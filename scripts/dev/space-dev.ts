/**
 * `make space-dev`: the Gradio emulator on 127.0.0.1:7860 serving the embedded summarizer, so the CLI can be tried
 * with `--provider space --space http://127.0.0.1:7860` without a Space. Runs until Ctrl-C.
 */
import { startGradioEmulator } from '../../test/emulators/gradio';

const port = Number(process.env.PORT ?? 7860);
const latencyMs = Number(process.env.LATENCY_MS ?? 0);
const emulator = await startGradioEmulator({ port, latencyMs });
process.stdout.write(
  `Gradio emulator (embedded summarizer) at ${emulator.url}\n` +
    `try: node bin/sumops.js summarize --provider space --space ${emulator.url} examples/solar-sail.html\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\nstopping after ${emulator.completed} summaries\n`);
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
