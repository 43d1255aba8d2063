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
import { builtinModules } from 'node:module';

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
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (args.kind !== 'import-statement') return undefined;
      const name = args.path.replace(/^node:/, '');
      if (!builtins.has(name)) return undefined;
      return { path: `${name} for ${args.importer}`, namespace: 'builtin', pluginData: name };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: builtinModuleSource(args.pluginData),
      loader: 'js',
    }));
  },
};
