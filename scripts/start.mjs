// `npm start`: builds and packages the extension, then opens it on the examples/ workspace:
// in desktop VS Code when its `code` command is on PATH, otherwise in a browser VS Code
// (code-server, installed on first use like the end-to-end tests) at http://127.0.0.1:PORT,
// until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './freePort.mjs';
import { fileURLToPath } from 'node:url';
import { codeServerEnv, ensureTools } from './e2e/install.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSIX = path.join(ROOT, 'dist', 'aovpn-profilexml.vsix');
const EXAMPLES = path.join(ROOT, 'examples');
const WORK = path.join(ROOT, '.test-work', 'start');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

run('npm', ['run', 'package']);
console.log(`\nBuilt ${path.relative(ROOT, VSIX)} (${(statSync(VSIX).size / 1024).toFixed(0)} KiB).`);

if (onPath('code') && !process.env.AOVPN_START_BROWSER) {
  run('code', ['--install-extension', VSIX, '--force']);
  run('code', [EXAMPLES]);
  console.log('Opened examples/ in VS Code with the extension installed.');
  process.exit(0);
}

console.log('No desktop `code` command here: starting VS Code in the browser (code-server).');
const tools = ensureTools((line) => console.log(`[start] ${line}`));
rmSync(WORK, { recursive: true, force: true });
const dirs = { extensions: path.join(WORK, 'extensions'), userData: path.join(WORK, 'user-data'), workspace: path.join(WORK, 'examples') };
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
// A copy, so that trying the quick fixes does not change the repository's examples.
cpSync(EXAMPLES, dirs.workspace, { recursive: true });
const config = path.join(WORK, 'config.yaml');
writeFileSync(config, 'auth: none\n');
const env = codeServerEnv({
  XDG_CONFIG_HOME: path.join(WORK, 'xdg', 'config'),
  XDG_DATA_HOME: path.join(WORK, 'xdg', 'data'),
  XDG_CACHE_HOME: path.join(WORK, 'xdg', 'cache'),
});
const common = [
  '--config',
  config,
  '--auth',
  'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--extensions-dir',
  dirs.extensions,
  '--user-data-dir',
  dirs.userData,
];
run(tools.codeServer, [...common, '--install-extension', VSIX, '--force'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

const port = Number(process.env.PORT) || (await freePort());
const child = spawn(tools.codeServer, [...common, '--bind-addr', `127.0.0.1:${port}`, dirs.workspace], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
  detached: true,
});
child.stderr.on('data', () => {}); // code-server logs gallery errors here; they are harmless offline
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});
process.on('SIGTERM', () => {
  stop();
  process.exit(143);
});
child.on('exit', (code) => {
  console.log(`code-server stopped (exit ${code}).`);
  process.exit(code ?? 1);
});
console.log(`\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
console.log('The Always On VPN extension is installed there; open user-tunnel.xml to see a warning and its quick fix.');
console.log('Press Ctrl+C to stop.');
if (!existsSync(dirs.workspace)) process.exit(1);
