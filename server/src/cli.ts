// The command-line linter (package `bin`): see docs/architecture.md "The command line" and `--help`.
import { runCli } from './cli/run';
import { describeError } from './host/errorReport';

// A closed pipe (`profilexml-lint ... | head`) is not a failure of the linter.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  terminal: {
    stdout: { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
    stderr: { isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
    env: process.env,
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Without the exception's message: it may quote the file being linted (a secret, say).
    process.stderr.write(`profilexml-lint: internal error: ${describeError(error)}\n`);
    process.exitCode = 2;
  },
);
