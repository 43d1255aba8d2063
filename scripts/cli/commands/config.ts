import { ConfigError, DEFAULT_CONFIG_PATH } from '#lib/config/index';
import { UsageError } from '#lib/errors';
import type { Command } from '../io';
import { EXIT } from '../io';
import { readConfigFile } from '#lib/config/read-config-file';
import { parseCommandArgs, parseOptionsOrExit } from '../options';

const help = `Usage: sumops config check [FILE]

Validate a digest config file (default ${DEFAULT_CONFIG_PATH}). Prints a one-line summary when it is valid;
otherwise one line per problem: file:line:column: key path: what was expected (with the nearest valid key for
a misspelt one).

Exit status: 0 valid, 2 invalid or unreadable.
`;

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('config', io, help, () => {
    const { values, positionals } = parseCommandArgs('config', argv, {
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return 'help';
    const [sub, file, ...extra] = positionals;
    if (sub !== 'check')
      throw new UsageError(
        `expected the subcommand "check", got ${sub === undefined ? 'nothing' : `"${sub}"`}`,
      );
    if (extra.length > 0) throw new UsageError('config check takes at most one FILE');
    return { file: file ?? DEFAULT_CONFIG_PATH };
  });
  if (typeof options === 'number') return options;
  try {
    const config = await readConfigFile(options.file, io.cwd);
    const custom = config.urls.filter((entry) => typeof entry !== 'string').length;
    io.stdout.write(
      `${options.file}: valid: ${config.urls.length} URLs (${custom} with their own settings), ${config.feeds.length} feeds, ` +
        `provider ${config.defaults.provider}, labels ${config.defaults.labels.join(', ') || '(none)'}` +
        `${config['allow-private-network'] ? ', private network allowed' : ''}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
};
