import { execFileSync } from 'node:child_process';
import { TEST_BUNDLES_DIR } from './harness/run-action';

// End-to-end tests run the bundled CLI and actions as users and the runner do, so bundle first. The action
// bundles go to a folder git ignores: a test run never rewrites the committed dist/ (check-dist guards that).
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--actions-out', TEST_BUNDLES_DIR], {
    stdio: 'inherit',
  });
}
