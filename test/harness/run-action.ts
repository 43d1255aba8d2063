/**
 * Runs a bundled action the way the GitHub runner does: action.yml defaults and
 * the given inputs as INPUT_<NAME> variables, an event payload file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files,
 * and the usual GITHUB_* / RUNNER_* variables. Follows docs.github.com "Metadata syntax" (inputs → INPUT_ env,
 * upper-cased, spaces → "_", hyphens kept), "Variables" (default environment variables) and "Workflow commands"
 * (GITHUB_OUTPUT's `name<<delimiter` blocks, `::error::` annotations with %-escaped data). `pull_request`, `push`
 * and `workflow_run` payloads must have the keys every real example of `@octokit/webhooks-examples` has.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { missingWebhookKeys } from './webhook-events';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunActionOptions {
  inputs?: Record<string, string>;
  event?: { name: string; payload: unknown };
  /** Extra environment (wins over everything the harness sets). */
  env?: Record<string, string>;
  /** GITHUB_WORKSPACE and the process's working directory; a fresh temp dir by default. */
  cwd?: string;
  /** GITHUB_API_URL, normally a loopback GitHub emulator. */
  apiUrl?: string;
  /** Value of `${{ github.token }}` in action.yml defaults. */
  githubToken?: string;
  repository?: string;
  timeoutMs?: number;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice' | 'debug';
  message: string;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string | number | boolean }>;
  runs?: { using?: string; main?: string };
}

/** Where test/global-setup.ts bundled the action from the current sources; the committed dist/ is left alone. */
export const TEST_BUNDLES_DIR = join(REPO_ROOT, 'out', 'test-actions');

function testBundlePath(name: string, main: string): string {
  if (main.replace(/^\.\//, '') !== 'dist/index.js') {
    throw new Error(`actions/${name}/action.yml: runs.main must be dist/index.js, got ${main}`);
  }
  return join(TEST_BUNDLES_DIR, name, 'index.js');
}

export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const actionDir = join(REPO_ROOT, 'actions', name);
  const metadata = parse(await readFile(join(actionDir, 'action.yml'), 'utf8')) as ActionMetadata;
  if (metadata.runs?.using !== 'node24' || !metadata.runs.main) {
    throw new Error(`actions/${name}/action.yml must run on node24 with a main script`);
  }
  if (options.event) {
    const missing = missingWebhookKeys(options.event.name, options.event.payload);
    if (missing.length > 0) {
      throw new Error(
        `run-action: the ${options.event.name} payload lacks ${missing.slice(0, 8).join(', ')}, which every real ` +
          'example in @octokit/webhooks-examples has; build it with test/harness/webhook-events.ts',
      );
    }
  }
  const temp = await mkdtemp(join(tmpdir(), `sumops-action-${name}-`));
  try {
    const workspace = options.cwd ?? (await mkdtemp(join(temp, 'workspace-')));
    const outputPath = join(temp, 'github_output');
    const summaryPath = join(temp, 'step_summary');
    const eventPath = join(temp, 'event.json');
    await Promise.all([
      writeFile(outputPath, ''),
      writeFile(summaryPath, ''),
      writeFile(eventPath, JSON.stringify(options.event?.payload ?? {})),
    ]);

    const env: Record<string, string> = { ...inheritedEnv() };
    for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
      if (spec.default !== undefined)
        env[inputVariable(input)] = resolveDefault(String(spec.default), options);
    }
    for (const [input, value] of Object.entries(options.inputs ?? {})) env[inputVariable(input)] = value;
    Object.assign(env, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.event?.name ?? 'workflow_dispatch',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_REPOSITORY: options.repository ?? 'acme/summaries',
      GITHUB_REPOSITORY_OWNER: (options.repository ?? 'acme/summaries').split('/')[0] ?? 'acme',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SHA: 'c0ffee0000000000000000000000000000000001',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKFLOW: 'evaluate',
      GITHUB_JOB: 'evaluate',
      GITHUB_ACTION: `__run_${name}`,
      GITHUB_ACTOR: 'octo-contributor',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
      RUNNER_OS: 'Linux',
      ...options.env,
    });

    const { exitCode, stdout, stderr } = await spawnNode(
      testBundlePath(name, metadata.runs.main),
      workspace,
      env,
      options.timeoutMs ?? 60_000,
    );
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
      summary: await readFile(summaryPath, 'utf8'),
      annotations: parseAnnotations(stdout),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The runner's rule: `INPUT_` + name upper-cased with spaces as underscores; hyphens stay. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function resolveDefault(value: string, options: RunActionOptions): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.token') return options.githubToken ?? '';
    throw new Error(`run-action cannot evaluate the default expression \${{ ${expression} }}`);
  });
}

/** The parent's environment minus anything a real runner would set per step, so tests can't leak into runs. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|HF_)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/** Parses the GITHUB_OUTPUT file: `name<<DELIM\nvalue\nDELIM` blocks and single `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, key = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: no closing delimiter for "${key}"`);
      outputs[key] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT: unparseable line ${JSON.stringify(line)}`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice|debug)(?: [^:]*)?::(.*)$/.exec(line);
    if (!match) continue;
    const message = (match[2] ?? '').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    annotations.push({ level: match[1] as Annotation['level'], message });
  }
  return annotations;
}

function spawnNode(
  script: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${script} did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}
