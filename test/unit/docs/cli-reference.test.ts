// docs/cli.md is generated from the CLI's --help texts (npm run docs:cli); it must say exactly what they say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtCliHelp, CLI_REFERENCE_PATH, renderCliReference } from '../../../scripts/docs/cli-reference';

describe('the CLI reference', () => {
  it('is what the built CLI prints for --help, command by command (run `npm run docs:cli` after changing one)', async () => {
    const page = await renderCliReference(builtCliHelp);
    expect(readFileSync(CLI_REFERENCE_PATH, 'utf8')).toBe(page);
    // Every command of the top-level help has its section, and a subcommand with its own help has one too.
    for (const command of [
      'summarize',
      'extract',
      'rouge',
      'faithfulness',
      'eval',
      'eval merge',
      'deploy',
      'digest',
    ])
      expect(page).toContain(`## \`sumops ${command}\`\n`);
  });

  it('changes when one help text changes', async () => {
    const page = await renderCliReference(builtCliHelp);
    const edited = await renderCliReference(async (args) => {
      const help = await builtCliHelp(args);
      return args.join(' ') === 'rouge' ? help.replace('--no-stemmer', '--no-stem') : help;
    });
    expect(edited).not.toBe(page);
  });
});
