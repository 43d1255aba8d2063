// The esbuild plugins every bundle is built with (scripts/build.mjs): each drops work a bundle would do for nothing.
// What each saves is measured by scripts/bench/bench-cli.ts (CLI start-up) and scripts/bench/bench-action-start.ts.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';

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

// `import { parseArgs } from 'node:util'` in an ES module makes Node build the module namespace of node:util, which
// reads every export, lazy ones included: that loads the streams, worker_threads, the diff and parse_args modules,
// ~36 internal modules for one function (node:fs: fs/promises, readline and the file watchers through its
// `promises` getter). process.getBuiltinModule (Node 20.16+, 22.3+) returns the module object without building a
// namespace, so each bundle takes its built-in imports from it and reads only the exports it uses.
//
// Each file that imports a built-in gets its own small module standing for it: the module object, and one export
// per name, each a /* @__PURE__ */ read that esbuild drops unless that file imports the name. One module per
// importing file, not one per built-in: esbuild places it in the importer's chunk, so a command's chunks read the
// exports that command uses and nothing else (a dependency that takes a whole namespace, as fdir's
// `import * as fs` does, then reads every getter only where fdir is loaded). Only static imports are rewritten;
// require() of a built-in (from bundled CommonJS code) already returns the module object, and a dynamic import()
// wants the namespace.

// Names only (`node:sqlite` and the like have no bare form and are left to Node).
const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_') && !name.includes(':')));
const identifier = /^[A-Za-z_$][\w$]*$/;
const reserved = new Set(['default', 'import', 'export', 'function', 'class', 'delete', 'new', 'this']);

/** The source of the module that stands for built-in `name` ("fs") in one importing file. */
function builtinModuleSource(name) {
  // Object.keys reads no getter, so this loads nothing more in the build either.
  const exported = Object.keys(process.getBuiltinModule(`node:${name}`)).filter(
    (key) => identifier.test(key) && !reserved.has(key),
  );
  const lines = [
    `const builtin = /* @__PURE__ */ process.getBuiltinModule(${JSON.stringify(`node:${name}`)});`,
    'export default builtin;',
    ...exported.map((key) => `export const ${key} = /* @__PURE__ */ (() => builtin.${key})();`),
  ];
  return `${lines.join('\n')}\n`;
}

/** @type {import('esbuild').Plugin} */
export const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(build) {
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (args.kind !== 'import-statement') return undefined;
      const name = args.path.replace(/^node:/, '');
      if (!builtins.has(name)) return undefined;
      // The importer relative to the checkout: esbuild writes a module's path into the bundle, which must be the
      // same wherever the repository is cloned (check-dist compares a fresh build with the committed one).
      const importer = relative(root, args.importer).replaceAll('\\', '/');
      return { path: `${name} for ${importer}`, namespace: 'builtin', pluginData: name };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: builtinModuleSource(args.pluginData),
      loader: 'js',
    }));
  },
};
