// `npm start`: build, package the VSIX, and say how to install it. (Opening a browser VS Code
// on the examples arrives with the editor issue.)
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npm', ['run', 'package']);
const vsix = 'dist/aovpn-profilexml.vsix';
const size = (statSync(vsix).size / 1024).toFixed(0);
console.log(`\nBuilt ${vsix} (${size} KiB).`);
console.log('Install it in VS Code:   code --install-extension ' + vsix);
console.log('Then open any ProfileXML file (root element <VPNProfile>).');
console.log('Lint from the command line:   node dist/cli.js path/to/profiles/');
