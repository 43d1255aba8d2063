import { execFileSync } from 'node:child_process';

// End-to-end tests run the bundled CLI and actions exactly as users and the runner do, so bundle first.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
