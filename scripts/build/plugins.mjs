// The esbuild plugins every bundle is built with (scripts/build.mjs): each drops work a bundle would do for nothing.
import { readFile } from 'node:fs/promises';

// cheerio's main entry also holds fromURL, loadBuffer and the stream loaders, and imports undici, encoding-sniffer,
// whatwg-mimetype and parse5-parser-stream for them at its top level. sumops calls only `load`. Those packages do
// nothing when imported, so telling esbuild that (sideEffects: false, for imports made by cheerio) lets it drop
// them along with the functions that use them: 2.2 MB of the extraction chunk, and a second fetch stack (cheerio's
// own undici) that the CLI and the actions never start.
const extras = /^(undici|encoding-sniffer|whatwg-mimetype|parse5-parser-stream)$/;
const fromCheerio = /[\\/]node_modules[\\/]cheerio[\\/]/;

/** @type {import('esbuild').Plugin} */
export const cheerioExtrasArePure = {
  name: 'cheerio-extras-are-pure',
  setup(build) {
    build.onResolve({ filter: extras }, async (args) => {
      if (args.pluginData === 'cheerio-extras' || !fromCheerio.test(args.importer)) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'cheerio-extras',
      });
      return resolved.errors.length > 0 ? resolved : { path: resolved.path, sideEffects: false };
    });
  },
};

// linkedom's CSS parser (cssomnom) builds an Intl.NumberFormat when it is imported, for formatting numbers when a
// style is serialized, which sumops' extraction never asks for. The first Intl object of a process maps ICU's
// number data: ~4 MB of the CLI's peak RSS on a small page (scripts/bench/bench-cli.ts). This makes it on first use.
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
