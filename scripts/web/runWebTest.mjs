// `npm run test:web`: the web build (dist/browser/) in headless Debian Chromium through
// playwright-core (test/web/web.test.ts). Prints how long the run took.
import { spawnSync } from 'node:child_process';

const started = Date.now();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/web/web.test.ts'], {
  stdio: 'inherit',
});
console.log(`web test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
