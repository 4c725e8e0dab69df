// PowerShell 7 as a test oracle for `npm run test:pwsh` (never a runtime dependency of the
// extension). Installed once as a .NET tool into .test-work/pwsh; a second run finds the right
// version and does nothing. 7.7.0 fails to install as a tool, hence the pinned version.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PWSH_VERSION = '7.6.10';
export const PWSH_DIR = path.join(ROOT, '.test-work', 'pwsh');
export const PWSH = path.join(PWSH_DIR, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');

function installedVersion() {
  if (!existsSync(PWSH)) return undefined;
  const r = spawnSync(PWSH, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function ensurePwsh() {
  const found = installedVersion();
  if (found === PWSH_VERSION) return PWSH;
  mkdirSync(PWSH_DIR, { recursive: true });
  const dotnet = process.platform === 'win32' ? 'dotnet.exe' : 'dotnet';
  const args =
    found === undefined
      ? ['tool', 'install', 'PowerShell', '--version', PWSH_VERSION, '--tool-path', PWSH_DIR]
      : ['tool', 'update', 'PowerShell', '--version', PWSH_VERSION, '--tool-path', PWSH_DIR];
  console.log(`installing PowerShell ${PWSH_VERSION} into ${path.relative(ROOT, PWSH_DIR)} (dotnet ${args.slice(0, 2).join(' ')})`);
  const r = spawnSync(dotnet, args, { stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  const now = installedVersion();
  if (r.status !== 0 || now !== PWSH_VERSION) throw new Error(`could not install PowerShell ${PWSH_VERSION} (found ${now ?? 'nothing'})`);
  return PWSH;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensurePwsh());
}
