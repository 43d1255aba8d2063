// The licence notices of every third-party package a bundle contains, read from esbuild's metafile (the inputs
// that made it into the output, so tree-shaken packages are not listed). esbuild-plugin-license 1.2.3 was tried
// and drops packages whose loaded files sit below a nested package.json without a name (cheerio's dist/esm/).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|$)/i;

/** Package roots (node_modules/<name> or node_modules/@scope/<name>) of the inputs that reached the output. */
function bundledPackageRoots(metafile) {
  const roots = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      // A package may vendor another under its own dist/node_modules without a package.json (feedsmith does);
      // its notice is then the enclosing package's.
      for (
        let at = input.lastIndexOf('node_modules/');
        at !== -1;
        at = input.lastIndexOf('node_modules/', at - 1)
      ) {
        const rest = input.slice(at + 'node_modules/'.length).split('/');
        const nameParts = rest[0]?.startsWith('@') ? 2 : 1;
        const root = input.slice(0, at) + 'node_modules/' + rest.slice(0, nameParts).join('/');
        if (!existsSync(join(root, 'package.json'))) continue;
        roots.add(root);
        break;
      }
    }
  }
  return [...roots].sort();
}

export function licenseNotices(metafile) {
  return bundledPackageRoots(metafile)
    .map((root) => {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const licenseFile = existsSync(root)
        ? readdirSync(root).find((name) => LICENSE_FILE.test(name))
        : undefined;
      const text = licenseFile
        ? readFileSync(join(root, licenseFile), 'utf8').trim()
        : '(no licence file shipped)';
      return `${pkg.name}@${pkg.version}\n${pkg.license ?? 'UNKNOWN'}\n${text}\n`;
    })
    .join('\n');
}
