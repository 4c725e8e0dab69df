import { knownTargetIds, targetWindowsProblem } from '../host/settingsCheck';
import { RULES, ruleMeta, type Deployment, type RuleLevel, type Settings } from '../service/settings';
import { closest } from '../service/textDistance';

export type OutputFormat = 'text' | 'compact' | 'json' | 'sarif' | 'github' | 'azure-devops';

/** The least severe problem that makes the run fail (exit code 1). */
export type FailOn = 'error' | 'warning' | 'information' | 'hint';

export interface CliOptions {
  format: OutputFormat;
  failOn: FailOn;
  settings: Partial<Settings>;
  fix: boolean;
  /** Print the changes --fix would make as a unified diff, and write nothing. */
  fixDryRun: boolean;
  /** Follow symbolic links found while walking folders (never out of the given paths). */
  followSymlinks: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
  paths: string[];
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'compact', 'json', 'sarif', 'github', 'azure-devops'];
const DEPLOYMENTS: readonly Deployment[] = ['intune', 'powershell', 'any'];
const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'hint', 'off'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'hint'];

export const USAGE = `Usage: profilexml-lint [options] PATH...

Checks Windows Always On VPN ProfileXML files (VPNv2 CSP) and the PowerShell scripts that
deploy profiles or configure the VPN server. PATH is a file or a folder; folders are searched
recursively (node_modules and folders starting with "." are skipped, symbolic links are not
followed) for .xml files whose root element is <VPNProfile> and for .ps1/.psm1 scripts.
Only regular files are read, at most 64 MiB each. All files of one run are also
checked against each other (for example a client CryptographySuite against the server's
Set-VpnServerConfiguration -CustomPolicy). UTF-8 and UTF-16 (with or without a byte order
mark) are read; --fix writes files back in the encoding and line endings they had.

Options:
  --format FORMAT               text (default: grouped by file, for people), compact
                                (one line per finding: path:line:col: severity:
                                message [rule-id]), json, sarif (code scanning), github
                                (GitHub Actions annotations) or azure-devops (Azure
                                Pipelines issues)
  --deployment intune|powershell|any
                                how the profile reaches Windows; intune enables the
                                Intune-only rules (default: any)
  --target-windows VERSION      oldest Windows the profile must work on: a release such
                                as win10-22h2 or win11-24h2, or a build such as 10.0.22621
                                (default: win11-21h2)
  --rule ID=LEVEL[,ID=LEVEL]    override a rule's severity: error, warning, information,
                                hint or off (repeatable)
  --fix                         apply the preferred fix for each problem, write the files,
                                then list each fix (file, line, rule, what it did) and
                                report what is left
  --fix-dry-run                 print what --fix would change as a unified diff and write
                                nothing (text and compact formats; the list of fixes goes
                                to stderr; exit code as without --fix)
  --follow-symlinks             follow symbolic links found in folders, as long as they
                                stay inside the PATHs given (loops are visited once)
  --fail-on LEVEL               fail (exit 1) from this severity up: error (default),
                                warning, information or hint
  --quiet                       report errors only (fixes are counted, not listed)
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes: 0 no errors, 1 at least one error-severity problem (or one at the --fail-on level),
2 bad usage or unreadable input.
Colour: on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 (or 0) forces it on (or off).
Rule ids link to their documentation in terminals known to show links; FORCE_HYPERLINK=1 (or 0)
forces links on (or off).
Suppress a finding with <!-- profilexml-disable-next-line RULE-ID --> in ProfileXML or
# aovpn-disable-next-line RULE-ID in a script.`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    format: 'text',
    failOn: 'error',
    settings: {},
    fix: false,
    fixDryRun: false,
    followSymlinks: false,
    quiet: false,
    help: false,
    version: false,
    paths: [],
  };
  const rules: Record<string, RuleLevel> = {};
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      return true;
    };
    switch (name) {
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format as OutputFormat))
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
        options.format = format as OutputFormat;
        break;
      }
      case '--deployment': {
        const deployment = value();
        if (!DEPLOYMENTS.includes(deployment as Deployment))
          throw new UsageError(`--deployment must be one of ${DEPLOYMENTS.join(', ')}, not "${deployment}"`);
        options.settings.deployment = deployment as Deployment;
        break;
      }
      case '--target-windows': {
        const target = value();
        if (targetWindowsProblem(target))
          throw new UsageError(
            `--target-windows: "${target}" is not a known Windows release or build. Use a build such as 10.0.22621 or one of: ${knownTargetIds().join(', ')}`,
          );
        options.settings.targetWindows = target;
        break;
      }
      case '--rule': {
        // Repeatable, and a comma-separated list is accepted too: --rule a=off,b=error.
        for (const spec of value().split(',')) {
          const m = /^([\w-]+)=(\w+)$/.exec(spec.trim());
          if (!m) throw new UsageError(`--rule expects ID=LEVEL (for example weak-crypto=error), not "${spec}"`);
          const [, id, level] = m;
          if (!ruleMeta(id)) {
            const meant = closest(
              id,
              RULES.map((r) => r.id),
            );
            throw new UsageError(`--rule: unknown rule id "${id}"${meant ? ` (did you mean ${meant}?)` : ''}`);
          }
          if (!LEVELS.includes(level as RuleLevel))
            throw new UsageError(`--rule ${id}: level must be one of ${LEVELS.join(', ')}, not "${level}"`);
          rules[id] = level as RuleLevel;
        }
        break;
      }
      case '--fail-on': {
        const level = value();
        if (!FAIL_ON.includes(level as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${level}"`);
        options.failOn = level as FailOn;
        break;
      }
      case '--fix':
        options.fix = flag();
        break;
      case '--fix-dry-run':
        options.fixDryRun = flag();
        break;
      case '--follow-symlinks':
        options.followSymlinks = flag();
        break;
      case '--quiet':
        options.quiet = flag();
        break;
      case '-h':
      case '--help':
        options.help = flag();
        break;
      case '-v':
      case '--version':
        options.version = flag();
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (Object.keys(rules).length) options.settings.rules = rules;
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  // The diff is the output: a JSON, SARIF or CI report cannot carry it beside its own data.
  if (options.fixDryRun && options.format !== 'text' && options.format !== 'compact')
    throw new UsageError(`--fix-dry-run prints a diff, so it works with --format text or compact, not ${options.format}`);
  if (!options.help && !options.version && options.paths.length === 0) throw new UsageError('no PATH given');
  return options;
}
