// Every action has a README whose Inputs and Outputs tables say what its action.yml says: each input with whether
// it is required and its default, each output, nothing more and nothing less.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../harness/run-action';

interface ActionYml {
  inputs?: Record<string, { required?: boolean; default?: string | number | boolean }>;
  outputs?: Record<string, unknown>;
}

const actions = readdirSync(join(REPO_ROOT, 'actions'), { withFileTypes: true })
  .filter(
    (entry) =>
      entry.isDirectory() && readdirSync(join(REPO_ROOT, 'actions', entry.name)).includes('action.yml'),
  )
  .map((entry) => entry.name)
  .sort();

/** The rows of the first table under `## heading`, each as its trimmed cells (escaped pipes kept as text). */
function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start === -1) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, '|')),
    );
  }
  // The header and the |---| line.
  return rows.slice(2);
}

const code = (cell: string | undefined): string => /^`(.*)`$/.exec(cell ?? '')?.[1] ?? cell ?? '';

describe('action READMEs', () => {
  it('are looked for in every action (each must have one: the tables below are read from it)', () => {
    expect(actions).toEqual(
      expect.arrayContaining(['comment', 'deploy-space', 'evaluate', 'space-preview', 'summarize-urls']),
    );
  });

  it.each(actions)('%s: the Inputs and Outputs tables match action.yml', (name) => {
    const dir = join(REPO_ROOT, 'actions', name);
    const yml = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYml;
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');

    const inputs = tableUnder(readme, 'Inputs').map(([input, required, fallback]) => ({
      input: code(input),
      required: required ?? '',
      default: code(fallback),
    }));
    const declared = Object.entries(yml.inputs ?? {}).map(([input, spec]) => ({
      input,
      required: spec.required === true ? 'yes' : 'no',
      default: spec.default === undefined ? '' : String(spec.default),
    }));
    expect(inputs).toEqual(declared);

    const outputs = tableUnder(readme, 'Outputs').map(([output]) => code(output));
    expect(outputs).toEqual(Object.keys(yml.outputs ?? {}));
  });

  it('read a table that differs from action.yml as different', () => {
    const readme =
      '## Inputs\n\n| input | required | default | description |\n|---|---|---|---|\n| `a` | no | `x\\|y` | d |\n';
    expect(tableUnder(readme, 'Inputs')).toEqual([['`a`', 'no', '`x|y`', 'd']]);
    expect(tableUnder(readme, 'Outputs')).toEqual([]);
  });
});
