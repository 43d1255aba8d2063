import type { commandErrorLine as formatCommandError } from './error-hints';
import type { CliIO, Command } from './io';
import { EXIT } from './io';
import { createStdout } from './stdout';

// Each command is its own bundle (scripts/build.mjs), loaded on demand, so `sumops summarize` never pays for the
// Gradio or GitHub code and `sumops --help` loads none of them. A new command is one entry here: its description and a `load` that
// imports its module (scripts/cli/commands/<name>.ts, exporting `run`). Keep this file's static imports to the
// few lines above: whatever it imports, every command and --help pay for at start-up (scripts/bench/bench-cli.ts).
interface CommandModule {
  run: Command;
  /** A bundled command brings its own (buildCli in scripts/build.mjs): the error classes it knows are its build's. */
  commandErrorLine?: typeof formatCommandError;
}

const commands: Record<string, { describe: string; load: () => Promise<CommandModule> }> = {
  summarize: {
    describe: 'Summarize URLs, files, wiki:Title pages, transcripts or stdin',
    load: () => import('./commands/summarize'),
  },
  extract: {
    describe: 'Print the clean text (or the Document as JSON) sumops extracts from sources',
    load: () => import('./commands/extract'),
  },
  rouge: {
    describe: 'Score JSONL {prediction, reference|references} from stdin with rouge-score semantics',
    load: () => import('./commands/rouge'),
  },
  faithfulness: {
    describe: 'Score JSONL {source, summary} from stdin: how much of each summary the source supports',
    load: () => import('./commands/faithfulness'),
  },
  eval: {
    describe: 'Evaluate a provider on fixtures, compare with a baseline, apply gates',
    load: () => import('./commands/eval-entry'),
  },
  deploy: {
    describe: 'Sync a folder to a Hugging Face Space, wait until it runs, smoke-test, roll back on failure',
    load: () => import('./commands/deploy'),
  },
  digest: {
    describe: 'Keep one GitHub issue per configured URL or feed item with its current summary',
    load: () => import('./commands/digest'),
  },
  ask: {
    describe: 'Answer a question with an OpenAI-compatible model, grounded in --context sources',
    load: () => import('./commands/ask'),
  },
  config: {
    describe: 'config check [FILE]: validate a digest config (.github/sumops.yml)',
    load: () => import('./commands/config'),
  },
  history: {
    describe: 'Print the score history of main evaluations and deploys (history.jsonl)',
    load: () => import('./commands/history'),
  },
};

const usage = `sumops — summarize, evaluate and ship a summarization Space

Usage: sumops <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.describe}`)
  .join('\n')}

Run \`sumops <command> --help\` for a command's options and examples.
`;

async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${process.env.npm_package_version ?? '0.1.0'}\n`);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`sumops: unknown command "${name}"\n\n${usage}`);
    return EXIT.usage;
  }
  // V8's compiled code for the command's chunks, kept between runs (in NODE_COMPILE_CACHE, else the OS temp folder):
  // most of their parsing and compiling is then skipped. Not for --help, which loads no chunk. Node 22.1+;
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off. (getBuiltinModule: Node 22.3+, enableCompileCache: 22.1+.)
  process.getBuiltinModule?.('node:module')?.enableCompileCache?.();
  loaded = await command.load();
  return loaded.run(rest, io);
}

let loaded: CommandModule | undefined;

let stdinUsed = false;
const stdout = createStdout();
const io: CliIO = {
  // process.stdin and process.stderr are built on first use (a socket, TTY or file stream, with their modules):
  // only `-` sources and `rouge` read stdin, and stderr is for warnings and failures. stdout: see stdout.ts.
  get stdin() {
    stdinUsed = true;
    return process.stdin;
  },
  stdout,
  get stderr() {
    return process.stderr;
  },
  env: process.env,
  cwd: process.cwd(),
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
    // A source that gave up on stdin (its deadline passed) left a read pending; it must not keep us alive.
    if (stdinUsed) process.stdin.destroy();
  },
  async (error: unknown) => {
    process.exitCode = EXIT.failed;
    const commandErrorLine = loaded?.commandErrorLine ?? (await import('./error-hints')).commandErrorLine;
    process.stderr.write(
      `${commandErrorLine(undefined, error, { debug: process.argv.includes('--debug') })}\n`,
    );
  },
);
