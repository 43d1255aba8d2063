// The esbuild plugins every bundle is built with (scripts/build.mjs): each drops work a bundle would do for nothing.
// What each saves is measured by scripts/bench-cli.ts (CLI start-up) and scripts/bench-action-start.ts.
import { readFile } from 'node:fs/promises';

export { builtinsWithoutFacade } from './builtins.mjs';

// linkedom parses a <style> element's CSS (with cssomnom, ~340 KB of code whose top level builds property tables
// and an Intl.NumberFormat) only when something reads the element's `sheet`. Readability and sumops' cleaning never
// do, so the bundles get a `parse` that says so instead of the parser.
const cssParser = /^cssomnom\/parse$/;
const fromLinkedom = /[\\/]node_modules[\\/]linkedom[\\/]/;

/** @type {import('esbuild').Plugin} */
export const linkedomWithoutCss = {
  name: 'linkedom-without-css',
  setup(build) {
    build.onResolve({ filter: cssParser }, (args) =>
      fromLinkedom.test(args.importer) ? { path: args.path, namespace: 'linkedom-without-css' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'linkedom-without-css' }, () => ({
      contents:
        'export function parse() {\n' +
        "  throw new Error('HTMLStyleElement.sheet is not available: sumops bundles linkedom without its CSS parser (scripts/build/plugins.mjs)');\n" +
        '}\n',
      loader: 'js',
    }));
  },
};

// linkedom's <canvas> looks for the optional native `canvas` package with require() when it is loaded, and uses a
// shim without it. The failed lookup searches every node_modules folder from the bundle up to the file system root
// on each start (and would load a native module if one happened to be there); sumops never draws, so the bundles
// take the shim directly.
const canvasLookup = /[\\/]node_modules[\\/]linkedom[\\/]commonjs[\\/]canvas\.cjs$/;

/** @type {import('esbuild').Plugin} */
export const linkedomWithoutCanvas = {
  name: 'linkedom-without-canvas',
  setup(build) {
    build.onLoad({ filter: canvasLookup }, () => ({
      contents: "module.exports = require('./canvas-shim.cjs');\n",
      loader: 'js',
    }));
  },
};

// entities 4 (cheerio's serializer takes its encoder from it) builds its decoding tables when loaded: a 15,000-entry
// Uint16Array made by splitting a string into one-character strings, ~2-3 ms of every start. sumops never decodes
// with that version (htmlparser2 and linkedom parse with their own), but its module-level statements are not marked
// free of side effects, so esbuild keeps them. Marked, they go with the code nothing calls.
const entitiesDecode =
  /[\\/]node_modules[\\/]entities[\\/]lib[\\/]esm[\\/](decode\.js|generated[\\/]decode-data-(html|xml)\.js)$/;
// Wrapped in a pure call without arguments: esbuild keeps a pure `new` whose arguments (the split) might do something.
const tableBuilds = [
  [/^export default (new Uint16Array\([\s\S]*\));$/m, 'export default /* @__PURE__ */ (() => $1)();'],
  [/^const (html|xml)Decoder = getDecoder\(/gm, 'const $1Decoder = /* @__PURE__ */ getDecoder('],
];

/** @type {import('esbuild').Plugin} */
export const entitiesTablesOnUse = {
  name: 'entities-tables-on-use',
  setup(build) {
    build.onLoad({ filter: entitiesDecode }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const before = source;
      for (const [pattern, replacement] of tableBuilds) source = source.replace(pattern, replacement);
      if (source === before)
        throw new Error(
          `${args.path} no longer builds its tables as expected; update ${import.meta.filename}`,
        );
      return { contents: source, loader: 'js' };
    });
  },
};
