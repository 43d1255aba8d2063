import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// ESM bundles of CommonJS dependencies (tunnel, via @actions/http-client) call require(); esbuild routes those
// calls through one shim that reads a `require` binding, which this banner provides. Only the output files that
// mention `require` get it: in the code-split CLI that is 5 of ~60 chunks, and each banner costs a createRequire
// (a Module object, a node_modules path list) when its chunk loads.
const banner =
  "import { createRequire as __sumopsCreateRequire } from 'node:module'; const require = __sumopsCreateRequire(import.meta.url);\n";
const usesRequire = /(?<![\w$.])require(?![\w$])/;

/** Writes esbuild's in-memory output files (a build with `write: false`), each JavaScript file that needs it with the banner. */
export function writeWithRequireBanner(outputFiles) {
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const needsBanner = file.path.endsWith('.js') && usesRequire.test(file.text);
    writeFileSync(file.path, needsBanner ? banner + file.text : file.contents);
  }
}
