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
