import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spaceCommitMessage } from '#lib/deploy/commit-message';
import { diffTrees } from '#lib/deploy/diff';
import type { HashedLocalFile } from '#lib/deploy/diff';
import { LocalFileError, SettingsLineError, SyncLimitError } from '#lib/deploy/errors';
import { hashFile } from '#lib/deploy/hash';
import { loadIgnoreRules } from '#lib/deploy/ignore-rules';
import type { RemoteFile } from '#lib/deploy/remote-tree';
import { parseKeyValueLines } from '#lib/deploy/space-settings';
import { readSpaceReadme } from '#lib/deploy/create';
import { missingWritePermission } from '#lib/deploy/token';
import type { WhoAmIInfo } from '#lib/deploy/token';
import { DEFAULT_SYNC_LIMITS } from '#lib/deploy/types';
import { walkFolder } from '#lib/deploy/walk';
import { recordingLogger } from '../../harness/fakes';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sumops-deploy-unit-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

function local(path: string, gitOid: string, sha256 = 'x', size = 1): HashedLocalFile {
  return { path, gitOid, sha256, size };
}

function remote(path: string, oid: string, lfsOid?: string, size = 1): RemoteFile {
  return { path, type: 'file', oid, size, ...(lfsOid ? { lfs: { oid: lfsOid, size } } : {}) };
}

describe('hashFile', () => {
  it('gives the git blob SHA-1 that `git hash-object` prints, and the SHA-256 of the content', async () => {
    const dir = await tempDir({ 'hello.txt': 'hello\n' });
    const hashes = await hashFile(join(dir, 'hello.txt'), 'hello.txt', 6);
    expect(hashes.gitOid).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(hashes.sha256).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
  });

  it('fails naming the file when it no longer has the size the walk saw', async () => {
    const dir = await tempDir({ 'a.txt': 'abc' });
    await expect(hashFile(join(dir, 'a.txt'), 'a.txt', 5)).rejects.toThrow(LocalFileError);
    await expect(hashFile(join(dir, 'a.txt'), 'a.txt', 5)).rejects.toThrow(
      /^a\.txt: changed while it was read/,
    );
  });
});

describe('diffTrees', () => {
  it('compares regular files by git oid and LFS files by SHA-256, never deletes .gitattributes', () => {
    const diff = diffTrees(
      [
        local('same.py', 'g1'),
        local('changed.py', 'g2'),
        local('model.bin', 'ptr?', 'sha-model'),
        local('new.py', 'g4'),
      ],
      new Map([
        ['same.py', remote('same.py', 'g1')],
        ['changed.py', remote('changed.py', 'old')],
        ['model.bin', remote('model.bin', 'pointer-oid', 'sha-model')],
        ['gone.py', remote('gone.py', 'g5')],
        ['.gitattributes', remote('.gitattributes', 'ga')],
      ]),
    );
    expect(diff.added.map((file) => file.path)).toEqual(['new.py']);
    expect(diff.updated.map((file) => file.path)).toEqual(['changed.py']);
    expect(diff.deleted).toEqual(['gone.py']);
    expect(diff.unchanged).toBe(2);
  });

  it('sees a changed LFS file whose pointer oid is unknown locally', () => {
    const diff = diffTrees(
      [local('model.bin', 'whatever', 'sha-new')],
      new Map([['model.bin', remote('model.bin', 'pointer', 'sha-old')]]),
    );
    expect(diff.updated.map((file) => file.path)).toEqual(['model.bin']);
  });
});

describe('walkFolder with ignore rules', () => {
  it('skips the default ignores, .spaceignore patterns and extra patterns, sorted by path', async () => {
    const dir = await tempDir({
      'app.py': 'x',
      'sub/deep/util.py': 'y',
      '__pycache__/app.cpython-311.pyc': 'c',
      'lib/__pycache__/x.pyc': 'c',
      '.venv/bin/python': 'p',
      '.git/HEAD': 'ref',
      'notes.pyc': 'c',
      '.DS_Store': 'd',
      'secret.env': 's',
      'drafts/a.md': 'a',
      '.spaceignore': '*.env\n# comment\n',
    });
    const rules = await loadIgnoreRules(dir, ['drafts/']);
    const walked = await walkFolder(dir, rules, DEFAULT_SYNC_LIMITS, recordingLogger());
    expect(walked.files.map((file) => file.path)).toEqual(['app.py', 'sub/deep/util.py']);
    expect(walked.totalBytes).toBe(2);
    expect(rules.ignores('lib/__pycache__/x.pyc')).toBe(true);
  });

  it('skips symlinks with a warning instead of following them', async () => {
    const dir = await tempDir({ 'app.py': 'x' });
    const outside = await tempDir({ 'private.txt': 'do not upload' });
    await symlink(outside, join(dir, 'linked-dir'));
    await symlink(join(outside, 'private.txt'), join(dir, 'linked-file.txt'));
    const logger = recordingLogger();
    const walked = await walkFolder(dir, await loadIgnoreRules(dir), DEFAULT_SYNC_LIMITS, logger);
    expect(walked.files.map((file) => file.path)).toEqual(['app.py']);
    expect(logger.text('warn')).toContain('skipped symlink linked-dir');
    expect(logger.text('warn')).toContain('skipped symlink linked-file.txt');
  });

  it('stops at the file, byte and depth limits with the limit named', async () => {
    const dir = await tempDir({ 'a.txt': '12345', 'b.txt': '12345', 'x/y/z/deep.txt': '1' });
    const rules = await loadIgnoreRules(dir);
    const logger = recordingLogger();
    await expect(
      walkFolder(dir, rules, { ...DEFAULT_SYNC_LIMITS, maxFiles: 2 }, logger),
    ).rejects.toMatchObject({
      limit: 'maxFiles',
      value: 2,
    });
    await expect(
      walkFolder(dir, rules, { ...DEFAULT_SYNC_LIMITS, maxTotalBytes: 7 }, logger),
    ).rejects.toThrow(SyncLimitError);
    await expect(
      walkFolder(dir, rules, { ...DEFAULT_SYNC_LIMITS, maxDepth: 2 }, logger),
    ).rejects.toMatchObject({
      limit: 'maxDepth',
    });
  });
});

describe('parseKeyValueLines', () => {
  it('reads KEY=value lines, skipping blanks and comments, keeping "=" inside values', () => {
    expect(parseKeyValueLines('A=1\n\n# note\nB_2=x=y\r\nC=\n', 'secrets')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B_2', value: 'x=y' },
      { key: 'C', value: '' },
    ]);
  });

  it('names the source and line of a bad entry without quoting its value', () => {
    const attempt = () => parseKeyValueLines('GOOD=1\nno-equals-sign-s3cr3t\n', 'secrets input');
    expect(attempt).toThrow(SettingsLineError);
    expect(attempt).toThrow('secrets input line 2: expected KEY=value');
    expect(() => parseKeyValueLines('1BAD=s3cr3t', 'vars')).toThrow(/^vars line 1: the key must be/);
    expect(() => parseKeyValueLines('A=1\nA=2', 'vars')).toThrow('vars line 2: A is set twice');
    try {
      parseKeyValueLines('1BAD=s3cr3t', 'vars');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cr3t');
    }
  });
});

describe('missingWritePermission', () => {
  const base = (accessToken: NonNullable<WhoAmIInfo['auth']['accessToken']>, orgs: WhoAmIInfo['orgs'] = []) =>
    ({ name: 'alice', orgs, auth: { accessToken } }) satisfies WhoAmIInfo;

  it('accepts write tokens on the user or an org it can write, refuses read tokens and other namespaces', () => {
    expect(missingWritePermission(base({ role: 'write' }), 'alice/app')).toBeNull();
    expect(
      missingWritePermission(base({ role: 'write' }, [{ name: 'team', roleInOrg: 'write' }]), 'team/app'),
    ).toBeNull();
    expect(
      missingWritePermission(base({ role: 'write' }, [{ name: 'team', roleInOrg: 'read' }]), 'team/app'),
    ).toMatch(/"write" role in organization team/);
    expect(missingWritePermission(base({ role: 'write' }), 'bob/app')).toMatch(/namespace bob/);
    expect(missingWritePermission(base({ role: 'read' }), 'alice/app')).toMatch(/"write" role/);
  });

  it('accepts fine-grained tokens with repo.write on the Space or its owner only', () => {
    const scoped = (type: string, name: string, permissions: string[]) =>
      base({ role: 'fineGrained', fineGrained: { scoped: [{ entity: { type, name }, permissions }] } });
    expect(missingWritePermission(scoped('space', 'alice/app', ['repo.write']), 'alice/app')).toBeNull();
    expect(missingWritePermission(scoped('user', 'alice', ['repo.write']), 'alice/app')).toBeNull();
    expect(missingWritePermission(scoped('space', 'alice/other', ['repo.write']), 'alice/app')).toMatch(
      /"repo\.write" on Space alice\/app/,
    );
    expect(missingWritePermission(scoped('space', 'alice/app', ['repo.content.read']), 'alice/app')).toMatch(
      /repo\.write/,
    );
  });
});

describe('readSpaceReadme', () => {
  it('reads sdk, sdk_version and python_version from the front matter', async () => {
    const dir = await tempDir({
      'README.md': '---\nsdk: gradio\nsdk_version: 6.31.0\npython_version: "3.11"\n---\n# x\n',
    });
    expect((await readSpaceReadme(dir))?.frontMatter).toEqual({
      sdk: 'gradio',
      sdk_version: '6.31.0',
      python_version: '3.11',
    });
  });

  it('refuses deeply nested front matter in one line instead of exhausting the YAML parser', async () => {
    const dir = await tempDir({
      'README.md': `---\nsdk: gradio\ntags: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n`,
    });
    const error = await readSpaceReadme(dir).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as Error).message).toBe(
      `${join(dir, 'README.md')}: front matter is nested deeper than 16 levels (line 3)`,
    );
  });

  it('names the file and key of an invalid front matter', async () => {
    const dir = await tempDir({ 'README.md': '---\nsdk: streamlit-old\n---\n' });
    await expect(readSpaceReadme(dir)).rejects.toThrow(/README\.md: front matter key sdk/);
  });
});

describe('spaceCommitMessage', () => {
  it('titles the Space commit with the GitHub subject and links the source commit and run', () => {
    expect(
      spaceCommitMessage({
        repository: 'alice/sumops',
        sha: 'abc1234def5678',
        message: 'Tune the summary length\n\nLonger body',
        runUrl: 'https://github.com/alice/sumops/actions/runs/42',
      }),
    ).toEqual({
      title: 'Tune the summary length',
      description:
        'Source: https://github.com/alice/sumops/commit/abc1234def5678\nRun: https://github.com/alice/sumops/actions/runs/42',
    });
  });

  it('falls back to the sha for an empty subject and cuts very long ones', () => {
    expect(spaceCommitMessage({ repository: 'a/b', sha: '0123456789abcdef', message: '' }).title).toBe(
      'Deploy 0123456789ab',
    );
    expect(spaceCommitMessage({ repository: 'a/b', sha: 's', message: 'x'.repeat(500) }).title).toHaveLength(
      200,
    );
  });
});
