import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#lib/config/index';
import { InvalidDigestUrlsError, runConfiguredDigest } from '#lib/digest/configured-digest';
import { silentLogger, systemClock } from '#lib/log';
import { startGitHubEmulator, TEST_TOKENS } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';

let github: GitHubEmulator;
beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterAll(() => github.close());

describe('runConfiguredDigest', () => {
  it('refuses URLs given in place of the config’s that are not http(s), before any request', async () => {
    const run = runConfiguredDigest({
      config: parseConfig('urls: [https://news.example/a]\n', '.github/sumops.yml'),
      urls: ['https://news.example/b', 'ftp://files.example/c'],
      github: {
        token: TEST_TOKENS.write,
        apiUrl: github.url,
        owner: 'acme',
        repo: 'summaries',
        throttle: false,
      },
      secrets: {},
      overrides: {},
      dryRun: false,
      describeError: (error) => String(error),
      logger: silentLogger,
      clock: systemClock,
    });
    await expect(run).rejects.toThrow(InvalidDigestUrlsError);
    await expect(run).rejects.toThrow('not an http(s) URL: ftp://files.example/c');
    expect(github.requests).toEqual([]);
  });
});
