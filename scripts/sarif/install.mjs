// Microsoft's SARIF validator (Sarif.Multitool, published on npm as a self-contained Linux
// build) for `npm run test:sarif`. Installed once into .test-work/sarif-multitool (not part of
// the product, never committed); a second run finds it and does nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SARIF_TOOL_DIR = path.join(ROOT, '.test-work', 'sarif-multitool');
export const SARIF_MULTITOOL = path.join(SARIF_TOOL_DIR, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
const PACKAGE = '@microsoft/sarif-multitool-linux@5.7.0';

export function ensureSarifMultitool() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`${PACKAGE} runs on Linux x64 only; this is ${process.platform} ${process.arch}`);
  if (!existsSync(SARIF_MULTITOOL)) {
    mkdirSync(SARIF_TOOL_DIR, { recursive: true });
    console.log(`installing ${PACKAGE} into ${path.relative(ROOT, SARIF_TOOL_DIR)} (about 110 MB)`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', SARIF_TOOL_DIR, '--no-audit', '--no-fund', '--no-save', PACKAGE], {
      stdio: 'inherit',
    });
    if (r.status !== 0 || !existsSync(SARIF_MULTITOOL)) throw new Error(`could not install ${PACKAGE}`);
  }
  // Its postinstall only sets the run bit, and npm may not run install scripts.
  chmodSync(SARIF_MULTITOOL, 0o755);
  return SARIF_MULTITOOL;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureSarifMultitool());
}
