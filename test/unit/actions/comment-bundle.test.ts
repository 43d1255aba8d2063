import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The comment action runs in the privileged workflow_run job with a write token: every package it bundles is
// code that job trusts. It only validates scores.json, renders the report and talks to GitHub, so the parsers,
// summarizers and clients the evaluate side needs must stay out of it (a barrel import drags them in).
const UNNEEDED_PACKAGES = [
  'yaml',
  'tinyglobby',
  '@gradio/client',
  '@huggingface/hub',
  'openai',
  'cheerio',
  'linkedom',
  '@mozilla/readability',
];
const UNNEEDED_LIBRARY_MODULES = ['ingest', 'summarize', 'hub', 'rouge', 'stats'];

async function bundleInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'out/comment-bundle-probe.js',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the comment action bundle', () => {
  it('bundles neither yaml nor the evaluate-side packages and library modules', async () => {
    const inputs = await bundleInputs('actions/comment/src/index.ts');
    // A probe of the bundle itself: the GitHub client must be there, or the filters below prove nothing.
    expect(inputs.some((input) => input.includes('node_modules/@actions/github/'))).toBe(true);
    const packages = inputs.filter((input) =>
      UNNEEDED_PACKAGES.some((name) => input.includes(`node_modules/${name}/`)),
    );
    const modules = inputs.filter((input) =>
      UNNEEDED_LIBRARY_MODULES.some((name) => input.startsWith(`actions/lib/${name}/`)),
    );
    // The judge's metrics are shown from their plain names and bounds; none of the judge's client code comes along.
    const judge = inputs.filter((input) => input.startsWith('actions/lib/judge/'));
    expect({ packages, modules, judge }).toEqual({
      packages: [],
      modules: [],
      judge: ['actions/lib/judge/types.ts'],
    });
  });
});
