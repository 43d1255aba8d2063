import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DuplicateCaseIdError,
  FixtureFormatError,
  loadFixtures,
  NoFixturesError,
  parseFixtureFile,
} from '#lib/evaluate/index';

const dir = 'test/fixtures/evaluate';
const cwd = process.cwd();

async function errorOf(promise: Promise<unknown>): Promise<FixtureFormatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FixtureFormatError) return error;
    throw error;
  }
  throw new Error('expected a FixtureFormatError');
}

describe('fixture parsing', () => {
  it('reads JSONL cases with reference(s), tags and origin lines (blank lines skipped)', async () => {
    const cases = await parseFixtureFile(join(dir, 'valid-small.jsonl'), 'valid-small.jsonl');
    expect(cases.map((c) => [c.id, c.origin, c.tags, c.references.length])).toEqual([
      ['kettle', 'valid-small.jsonl:1', ['product'], 1],
      ['garden', 'valid-small.jsonl:3', [], 1],
    ]);
    expect(cases[0]?.input).toEqual({
      kind: 'text',
      text: expect.stringContaining('ninety seconds') as string,
    });
  });

  it('names file and line for invalid JSON', async () => {
    const error = await errorOf(parseFixtureFile(join(dir, 'bad-json-line3.jsonl'), 'bad-json-line3.jsonl'));
    expect(error.file).toBe('bad-json-line3.jsonl');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^bad-json-line3\.jsonl:3: invalid JSON/);
  });

  it('names the YAML entry line and what is missing', async () => {
    const error = await errorOf(
      parseFixtureFile(join(dir, 'missing-reference.yaml'), 'missing-reference.yaml'),
    );
    expect(error.line).toBe(6);
    expect(error.message).toContain('missing-reference.yaml:6');
    expect(error.message).toContain('case "second" needs "reference"');
  });

  it('reports YAML syntax errors with a line', async () => {
    const error = await errorOf(parseFixtureFile(join(dir, 'bad-yaml.yaml'), 'bad-yaml.yaml'));
    expect(error.line).toBeGreaterThanOrEqual(5);
    expect(error.message).toMatch(/^bad-yaml\.yaml:\d+: invalid YAML/);
  });

  it('rejects two inputs, duplicate ids and missing input files', async () => {
    const two = await errorOf(parseFixtureFile(join(dir, 'two-inputs.yaml'), 'two-inputs.yaml'));
    expect(two.message).toBe(
      'two-inputs.yaml:2: case "both" must have exactly one input of "text", "file" or "url", got text and url',
    );
    const dup = await errorOf(parseFixtureFile(join(dir, 'duplicate-ids.jsonl'), 'duplicate-ids.jsonl'));
    expect(dup).toBeInstanceOf(DuplicateCaseIdError);
    expect(dup.message).toContain(
      'duplicate-ids.jsonl:3: duplicate case id "same" (first defined at duplicate-ids.jsonl:1)',
    );
    const ghost = await errorOf(parseFixtureFile(join(dir, 'missing-file.yaml'), 'missing-file.yaml'));
    expect(ghost.message).toMatch(/^missing-file\.yaml:1: input file .*does-not-exist\.txt does not exist/);
  });

  it.each([
    ['{"id": 5, "text": "t", "reference": "r"}', /"id" must be a non-empty string, got a number/],
    ['{"id": "a", "reference": "r"}', /exactly one input .* got none/],
    ['{"id": "a", "text": "t", "reference": "r", "referenc": "typo"}', /unknown key "referenc"/],
    ['{"id": "a", "text": "t", "references": []}', /"references" must be a non-empty list/],
    ['{"id": "a", "text": "t", "reference": "r", "tags": "news"}', /"tags" must be a list of strings/],
    ['{"id": "a", "url": "ftp://x/y", "reference": "r"}', /"url" must be an http\(s\) URL/],
    ['["not", "an", "object"]', /expected an object, got a list/],
  ])('rejects %s', async (line, message) => {
    const tmp = await mkdtemp(join(tmpdir(), 'sumops-fixtures-'));
    const file = join(tmp, 'case.jsonl');
    await writeFile(file, `{"id": "ok", "text": "fine", "reference": "fine"}\n${line}\n`);
    const error = await errorOf(parseFixtureFile(file, 'case.jsonl'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['an absolute path', '/proc/self/environ'],
    ['a path out of the folder', '../../etc/passwd'],
    ['the folder itself', '.'],
  ])('refuses a "file" input that is %s, naming the case and line', async (_, source) => {
    const tmp = await mkdtemp(join(tmpdir(), 'sumops-fixtures-'));
    await writeFile(
      join(tmp, 'cases.yaml'),
      `- id: ok\n  text: fine\n  reference: fine\n- id: f\n  file: ${source}\n  reference: x\n`,
    );
    const error = await errorOf(parseFixtureFile(join(tmp, 'cases.yaml'), 'cases.yaml'));
    expect(error.message).toBe(
      `cases.yaml:4: case "f": "file" must be a path inside the fixture file's folder, got ${JSON.stringify(source)}`,
    );
  });

  it('refuses a "file" input that is a symlink leading out of the folder', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'sumops-fixtures-'));
    const outside = await mkdtemp(join(tmpdir(), 'sumops-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'not for fixtures');
    await symlink(join(outside, 'secret.txt'), join(tmp, 'doc.txt'));
    await writeFile(join(tmp, 'cases.yaml'), '- id: f\n  file: doc.txt\n  reference: hello\n');
    const error = await errorOf(parseFixtureFile(join(tmp, 'cases.yaml'), 'cases.yaml'));
    expect(error.message).toMatch(
      /^cases\.yaml:1: input file .*doc\.txt is a link to .*secret\.txt, outside/,
    );
  });

  it('resolves file inputs relative to the fixture file', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'sumops-fixtures-'));
    await writeFile(join(tmp, 'doc.txt'), 'hello');
    await writeFile(join(tmp, 'cases.yaml'), '- id: f\n  file: doc.txt\n  reference: hello\n');
    const [evalCase] = await parseFixtureFile(join(tmp, 'cases.yaml'));
    expect(evalCase?.input).toEqual({ kind: 'file', path: join(tmp, 'doc.txt') });
  });
});

describe('loadFixtures', () => {
  it('loads the shipped default fixtures: ~20 unique cases, each with a reference, mixed tags, a file case', async () => {
    const { files, cases } = await loadFixtures(['test/eval/*.{jsonl,yaml,yml}'], { cwd });
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(cases.length).toBeGreaterThanOrEqual(18);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.some((c) => c.input.kind === 'file')).toBe(true);
    const tags = new Set(cases.flatMap((c) => c.tags));
    for (const tag of ['news', 'science', 'tech', 'long', 'multilingual-ish']) expect(tags).toContain(tag);
  });

  it('rejects duplicate ids across files, naming both places', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'sumops-fixtures-'));
    await writeFile(join(tmp, 'a.jsonl'), '{"id": "x", "text": "t", "reference": "r"}\n');
    await writeFile(
      join(tmp, 'b.yaml'),
      '- id: y\n  text: t\n  reference: r\n- id: x\n  text: t\n  reference: r\n',
    );
    const error = await errorOf(loadFixtures(['*.jsonl', '*.yaml'], { cwd: tmp }));
    expect(error.message).toBe(
      'b.yaml:4: duplicate case id "x" (first defined at a.jsonl:1); ids must be unique across all fixture files',
    );
  });

  it('fails clearly when nothing matches', async () => {
    await expect(loadFixtures(['nothing/*.jsonl'], { cwd })).rejects.toThrow(NoFixturesError);
  });

  it('bounds a fixture set: too many cases names the file and line of the first one over, too large a file names it', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'sumops-fixture-limits-'));
    const line = (i: number) => JSON.stringify({ id: `c${i}`, text: 'Some text.', reference: 'Text.' });
    await writeFile(join(tmp, 'a.jsonl'), `${[1, 2].map(line).join('\n')}\n`);
    await writeFile(join(tmp, 'b.jsonl'), `${[3, 4].map(line).join('\n')}\n`);
    await expect(loadFixtures(['*.jsonl'], { cwd: tmp, limits: { maxCases: 4 } })).resolves.toMatchObject({
      files: ['a.jsonl', 'b.jsonl'],
    });
    const tooMany = await errorOf(loadFixtures(['*.jsonl'], { cwd: tmp, limits: { maxCases: 3 } }));
    expect([tooMany.file, tooMany.line]).toEqual(['b.jsonl', 2]);
    expect(tooMany.detail).toContain('more than 3 cases');
    const tooLarge = await errorOf(loadFixtures(['*.jsonl'], { cwd: tmp, limits: { maxFileBytes: 20 } }));
    expect(tooLarge.file).toBe('a.jsonl');
    expect(tooLarge.detail).toContain('larger than 20 bytes');
  });
});
