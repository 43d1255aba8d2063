// Writes examples/long-article.html: a deterministic ~93 KB article page (original generated prose inside typical
// site chrome) used by the CLI latency benchmark. Run: npx tsx scripts/gen-long-article.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articlePage } from './bench/article-page';

const page = articlePage(92_000);
writeFileSync(join(import.meta.dirname, '..', 'examples', 'long-article.html'), page);
console.log(`examples/long-article.html: ${page.length} bytes`);
