import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SPACE_API } from '#lib/summarize/space';
import { SPACE_APP_PARAMETERS } from '../../emulators/gradio';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const APP = 'space/app.py';

interface AppReport {
  interfaces: {
    api_name: string;
    function: string;
    parameters: string[];
    inputs: { component: string; label: string | null; value: unknown }[];
    outputs: { component: string; label: string | null }[];
    state_inputs: boolean;
  }[];
  state_used: boolean;
  models_loaded: string[];
  call?: {
    result?: string;
    error?: string;
    generate_calls: { rows: number[]; max_length: number; min_length: number }[];
  };
}

/** Runs app.py under python3 with the stand-in gradio/transformers/torch from test/space-contract. */
function runApp(env: Record<string, string> = {}): AppReport {
  const stdout = execFileSync('python3', ['-B', APP], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PYTHONPATH: 'test/space-contract', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as AppReport;
}

describe('space/app.py honours the contract the TypeScript client relies on', () => {
  it('compiles', () => {
    // The byte code goes to a temporary prefix so space/ (uploaded as is) gets no __pycache__.
    const env = { PATH: process.env.PATH ?? '', PYTHONPYCACHEPREFIX: mkdtempSync(join(tmpdir(), 'sumops-pyc-')) };
    expect(() => execFileSync('python3', ['-m', 'py_compile', APP], { cwd: ROOT, env, stdio: 'pipe' })).not.toThrow();
  });

  it('declares exactly the endpoint, parameter names and order that the provider sends', () => {
    const report = runApp();

    expect(report.interfaces).toHaveLength(1);
    const [app] = report.interfaces;
    expect(`/${app?.api_name}`).toBe(SPACE_API.endpoint);
    // /gradio_api/info names parameters after the Python arguments, and keyword predict() maps onto those.
    expect(app?.parameters).toEqual([...SPACE_API.params]);
    expect(app?.inputs.map((input) => input.label)).toEqual([...SPACE_API.params]);
    expect(app?.inputs.map((input) => input.component)).toEqual(['Textbox', 'Number', 'Number']);
    expect(app?.outputs).toHaveLength(1);
  });

  it('is what the Gradio emulator serves, so the e2e tests exercise the real interface', () => {
    expect(runApp().interfaces[0]?.parameters).toEqual([...SPACE_APP_PARAMETERS]);
  });

  it('keeps no session state, which would turn on the heartbeat stream that keeps clients alive', () => {
    const report = runApp();
    expect(report.state_used).toBe(false);
    expect(report.interfaces[0]?.state_inputs).toBe(false);
    const source = readFileSync(`${ROOT}/${APP}`, 'utf8').replace(/"""[\s\S]*?"""|#.*$/gm, '');
    expect(source).not.toMatch(/gr\.State|\.unload\(|BrowserState/);
  });

  it('loads the model named by SUMOPS_MODEL, distilbart by default', () => {
    expect(new Set(runApp().models_loaded)).toEqual(new Set(['sshleifer/distilbart-cnn-12-6']));
    expect(new Set(runApp({ SUMOPS_MODEL: 'org/tiny-bart' }).models_loaded)).toEqual(new Set(['org/tiny-bart']));
  });

  it('splits a text longer than the model window by tokens and returns one sentence per line', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Fact${i} was checked.`).join(' ');
    const report = runApp({ SUMOPS_STUB_WINDOW: '40', SUMOPS_CONTRACT_CALL: JSON.stringify([text, 30, 5]) });

    const calls = report.call?.generate_calls ?? [];
    const window = 40 - 2; // the stand-in tokenizer adds two special tokens
    expect(calls[0]?.rows.length).toBeGreaterThan(1);
    for (const call of calls) for (const row of call.rows) expect(row).toBeLessThanOrEqual(window);
    // The chunks cover the whole text: every word position is in some chunk.
    const step = calls[0]?.rows.length ?? 0;
    expect(step * window).toBeGreaterThanOrEqual(150);
    expect(calls.at(-1)?.max_length).toBe(30);
    const lines = report.call?.result?.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^Fact\d+ was checked\.$/);
  });

  it('summarizes a short text in one call with the requested lengths', () => {
    const report = runApp({ SUMOPS_CONTRACT_CALL: JSON.stringify(['One short sentence. And another one.', 60, 10]) });

    expect(report.call?.generate_calls).toEqual([{ rows: [6], max_length: 60, min_length: 10 }]);
    expect(report.call?.result).toBe('One short sentence.\nAnd another one.');
  });

  it('rejects empty text with a message the client shows', () => {
    expect(runApp({ SUMOPS_CONTRACT_CALL: JSON.stringify(['  ', 60, 10]) }).call?.error).toMatch(/text is empty/);
  });
});

describe('space/ Space configuration', () => {
  const readme = readFileSync(`${ROOT}/space/README.md`, 'utf8');
  const frontMatter = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readme)?.[1] ?? '') as Record<string, unknown>;
  const requirements = readFileSync(`${ROOT}/space/requirements.txt`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('--'));

  it('pins every requirement to an exact version', () => {
    expect(requirements.length).toBeGreaterThan(0);
    for (const line of requirements) expect(line).toMatch(/^[A-Za-z0-9_.-]+==\d[\w.]*$/);
    expect(requirements.map((line) => line.split('==')[0])).toEqual(expect.arrayContaining(['gradio', 'transformers', 'torch']));
  });

  it('declares a Gradio Space whose sdk_version is the pinned gradio', () => {
    const gradioPin = requirements.find((line) => line.startsWith('gradio=='))?.split('==')[1];
    expect(frontMatter).toMatchObject({ sdk: 'gradio', app_file: 'app.py', sdk_version: gradioPin });
    expect(String(frontMatter.python_version)).toMatch(/^3\.\d+$/);
    expect(typeof frontMatter.title).toBe('string');
    expect(typeof frontMatter.license).toBe('string');
  });
});
