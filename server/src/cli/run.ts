import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import packageJson from '../../../package.json';
import { encodeText, writeFileAtomic } from '../host/textFile';
import { createLanguageService, type LanguageService } from '../service/languageService';
import { resolveSettings } from '../service/settings';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { collectInputs, type Input } from './files';
import { formatJson, formatSarif, formatText, type FileResult } from './format';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const TOOL_NAME = 'profilexml-lint';
const VERSION = (packageJson as { version: string }).version;

/** The command line of DESIGN.md; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }

  const settings = resolveSettings(options.settings);
  const service = createLanguageService();
  const collected = collectInputs(options.paths);
  let unreadable = collected.failures.length > 0;
  for (const failure of collected.failures) io.stderr(`${TOOL_NAME}: ${failure}\n`);
  if (!options.quiet) for (const note of collected.notes) io.stderr(`${TOOL_NAME}: ${note}\n`);

  const results: FileResult[] = [];
  let fixedCount = 0;
  collected.inputs.forEach((input, index) => {
    let document = TextDocument.create(documentUri(index), 'xml', 1, input.file.text);
    if (options.fix) {
      const outcome = fixFile(service, input, document, settings);
      if (outcome.error) {
        io.stderr(`${TOOL_NAME}: ${input.path}: not fixed: ${outcome.error}\n`);
        unreadable = true;
      } else if (outcome.fixed !== undefined) {
        fixedCount++;
        document = TextDocument.create(documentUri(index), 'xml', 2, outcome.fixed);
      }
    }
    let diagnostics = service.validate(document, settings);
    if (options.quiet) diagnostics = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    results.push({ path: input.path, diagnostics });
  });

  switch (options.format) {
    case 'json':
      io.stdout(formatJson(results));
      break;
    case 'sarif':
      io.stdout(formatSarif(results, { name: TOOL_NAME, version: VERSION, informationUri: 'https://github.com/aovpn-tools/aovpn-profilexml' }));
      break;
    default:
      io.stdout(formatText(results, fixedCount));
  }

  if (unreadable) return EXIT_USAGE;
  return results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? EXIT_ERRORS : EXIT_OK;
}

/** Documents are identified by index: the service never sees file paths. */
function documentUri(index: number): string {
  return `untitled:cli-input-${index}.xml`;
}

/**
 * Applies every preferred fix and writes the file back in its own encoding, BOM and line endings
 * (the edits keep the document's EOL), so bytes outside the fixed spans stay identical.
 */
function fixFile(service: LanguageService, input: Input, document: TextDocument, settings: ReturnType<typeof resolveSettings>): { fixed?: string; error?: string } {
  const edits = service.fixAll(document, settings);
  if (edits.length === 0) return {};
  const fixed = TextDocument.applyEdits(document, edits);
  if (fixed === input.file.text) return {};
  if (!input.file.roundTrips) return { error: 'its bytes do not survive decoding and encoding unchanged, so it is left as it is' };
  try {
    writeFileAtomic(input.file.path, encodeText(fixed, input.file));
  } catch (error) {
    return { error: `cannot write: ${(error as Error).message}` };
  }
  return { fixed };
}
