import { readFile } from 'node:fs/promises';

// linkedom's CSS parser (cssomnom) builds an Intl.NumberFormat when it is imported, for formatting numbers when a
// style is serialized, which sumops' extraction never asks for. The first Intl object of a process maps ICU's
// number data: ~4 MB of the CLI's peak RSS on a small page (scripts/bench-cli.ts). This makes it on first use.
const file = /[\\/]node_modules[\\/]cssomnom[\\/]dist[\\/]CSSStyleDeclaration-[^\\/]+\.js$/;
const eager = /const formatter = new Intl\.NumberFormat\(([^;]*?)\);/s;

/** @type {import('esbuild').Plugin} */
export const lazyNumberFormat = {
  name: 'lazy-number-format',
  setup(build) {
    build.onLoad({ filter: file }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!eager.test(source))
        throw new Error(
          `${args.path} no longer builds its NumberFormat as expected; update ${import.meta.filename}`,
        );
      return {
        contents: source.replace(
          eager,
          'let numberFormat;\nconst formatter = { format: (value) => (numberFormat ??= new Intl.NumberFormat($1)).format(value) };',
        ),
        loader: 'js',
      };
    });
  },
};
