// `import { parseArgs } from 'node:util'` in an ES module makes Node build the module namespace of node:util, which
// reads every export, lazy ones included: that loads the streams, worker_threads, the diff and parse_args modules,
// ~36 internal modules for one function (node:fs/promises: readline and the file watchers; node:fs: fs/promises
// through its `promises` getter). process.getBuiltinModule (Node 20.16+, 22.3+) returns the module object without
// building a namespace, so each bundle takes its built-in imports from it and reads only the exports it uses.
//
// Each imported built-in becomes a small module: the module object, and one export per name, each a
// /* @__PURE__ */ read that esbuild drops unless something imports that name. Only static imports are rewritten;
// require() of a built-in (from bundled CommonJS code) already returns the module object, and a dynamic import()
// wants the namespace.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const identifier = /^[A-Za-z_$][\w$]*$/;
const reserved = new Set(['default', 'import', 'export', 'function', 'class', 'delete', 'new', 'this']);

/** The source of the module that stands for built-in `name` ("node:fs"). */
function builtinModuleSource(name) {
  const exported = Object.keys(process.getBuiltinModule(name)).filter(
    (key) => identifier.test(key) && !reserved.has(key),
  );
  const lines = [
    `const builtin = /* @__PURE__ */ process.getBuiltinModule(${JSON.stringify(name)});`,
    'export default builtin;',
    ...exported.map((key) => `export const ${key} = /* @__PURE__ */ (() => builtin.${key})();`),
  ];
  return `${lines.join('\n')}\n`;
}

/** @type {import('esbuild').Plugin} */
export const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (args.kind !== 'import-statement') return undefined;
      const name = args.path.replace(/^node:/, '');
      return builtins.has(name) ? { path: `node:${name}`, namespace: 'builtin' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: builtinModuleSource(args.path),
      loader: 'js',
    }));
  },
};
