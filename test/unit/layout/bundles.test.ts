// `make check-dist` (run by CI) fails when a committed action bundle differs from a fresh build. That only works
// if its pathspec names the bundles and if a build is the same wherever the repository is cloned: a bundle that
// embeds the checkout's absolute path differs in every clone.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, TEST_BUNDLES_DIR } from '../../harness/run-action';

const actionsWithBundle = readdirSync(join(REPO_ROOT, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => readdirSync(join(REPO_ROOT, 'actions', name)).includes('action.yml'));

function checkDistPathspec(): string {
  const makefile = readFileSync(join(REPO_ROOT, 'Makefile'), 'utf8');
  const recipe = /^check-dist:.*\n\t(.*)$/m.exec(makefile)?.[1] ?? '';
  const pathspec = /git status --porcelain[^']*'([^']+)'/.exec(recipe)?.[1];
  if (pathspec === undefined) throw new Error(`Makefile: no git status pathspec in check-dist: ${recipe}`);
  return pathspec;
}

describe('committed action bundles', () => {
  it("check-dist's pathspec covers every action's committed bundle and licence notices", () => {
    expect(actionsWithBundle.length).toBeGreaterThanOrEqual(6);
    const listed = execFileSync('git', ['ls-files', '--', checkDistPathspec()], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    for (const name of actionsWithBundle) {
      expect(listed).toContain(`actions/${name}/dist/index.js`);
      expect(listed).toContain(`actions/${name}/dist/licenses.txt`);
    }
    expect(listed.every((path) => /^actions\/[^/]+\/dist\//.test(path))).toBe(true);
  });

  it('a fresh build holds no path of the checkout it was built in', () => {
    for (const name of actionsWithBundle) {
      const bundle = readFileSync(join(TEST_BUNDLES_DIR, name, 'index.js'), 'utf8');
      expect(bundle.includes(REPO_ROOT), `actions/${name}: built bundle contains ${REPO_ROOT}`).toBe(false);
    }
  });
});
