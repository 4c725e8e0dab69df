/**
 * Regenerates what is derived from schemas/rules.json, schemas/sources.json and
 * schemas/profilexml.json: the rules table in README.md, docs/rules.md, docs/sources.md, and the
 * settings schema in package.json.
 * `npx tsx scripts/generateDocs.ts` writes them; docs.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RULES, type RuleMeta } from '../server/src/service/settings';
import { WORKSPACE_DIAGNOSTICS_AUTO_LIMIT, WORKSPACE_DIAGNOSTICS_MODES } from '../server/src/host/workspaceDiagnosticsSetting';
import { SCHEMA } from '../server/src/service/profilexml/schema';
import { SOURCE_GROUPS, SOURCES, sourceDef, type SourceDef } from '../server/src/service/sources';

const ROOT = path.resolve(__dirname, '..');
const FAMILY_TITLES: Record<string, string> = {
  structure: 'ProfileXML: document and structure',
  values: 'ProfileXML: element values',
  crypto: 'ProfileXML: protocol and cryptography',
  placeholders: 'ProfileXML: placeholders and sample values',
  authentication: 'ProfileXML: authentication',
  'device-tunnel': 'ProfileXML: device tunnel',
  routing: 'ProfileXML: routing, DNS, filters',
  intune: 'ProfileXML: Intune on Windows 11 (deployment `intune` only)',
  powershell: 'PowerShell (source `aovpn-powershell`)',
  workspace: 'Across files in the workspace',
};

/** Every rule the product reports (ps-embedded-profilexml is a feature, not a rule). */
export function shippedRules(): RuleMeta[] {
  return RULES.filter((r) => !r.notARule);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function rulesTable(): string {
  const lines = ['| Rule | Severity | What it catches | Quick fix |', '|---|---|---|---|'];
  for (const r of shippedRules()) {
    lines.push(`| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.severity} | ${cell(r.title)} | ${r.fix ? 'yes' : '—'} |`);
  }
  return lines.join('\n');
}

export function rulesDoc(): string {
  const out = [
    '# Rules',
    '',
    'Generated from `schemas/rules.json` by `npm run generate`. Rule ids are stable: use them in settings, suppression comments and CI.',
    'Each rule names the public documents it rests on; [sources.md](sources.md) lists them all.',
    '',
  ];
  let family = '';
  for (const r of shippedRules()) {
    if (r.family !== family) {
      family = r.family;
      out.push(`## ${FAMILY_TITLES[family] ?? family}`, '');
    }
    out.push(`### ${r.id}`, '', `**${r.title}.** Default severity: ${r.severity}.`, '', `Reported when ${r.description}.`, '');
    if (r.fix) out.push(`Quick fix: ${r.fix}.`, '');
    out.push(`Sources: ${r.sources.map(sourceLink).join('; ')}.`, '');
  }
  return out.join('\n');
}

/** A source in the generated docs: linked title, author and year, and a pointer to its revision note. */
function sourceLink(key: string): string {
  const s = sourceDef(key);
  if (!s) throw new Error(`unknown source key ${key}: add it to schemas/sources.json`);
  const title = s.url ? `[${s.title}](${s.url})` : `*${s.title}*`;
  const by = s.group === 'microsoft' ? '' : ` (${s.by.split(',')[0]}${s.date ? `, ${s.date.slice(0, 4)}` : ''})`;
  const revised = s.revised ? ` — [revised since](sources.md#${s.key})` : '';
  return `${title}${by}${revised}`;
}

function sourceEntry(s: SourceDef): string[] {
  const where = [s.by, s.date, s.url ? `<${s.url}>` : 'no address confirmed: search for the title'].filter(Boolean).join(' · ');
  const lines = [`### <a id="${s.key}"></a>${s.title}`, '', `Key \`${s.key}\` · ${where}`, '', s.about];
  if (s.revised) lines.push('', `**Revised since:** ${s.revised}`);
  lines.push('');
  return lines;
}

/** docs/sources.md: every source the data cites, by group, with its key. */
export function sourcesDoc(): string {
  const out = [
    '# Sources',
    '',
    'Generated from `schemas/sources.json` by `npm run generate`.',
    '',
    "Every rule, hover and quick fix rests on public documents: Microsoft's documentation first, then the",
    'articles, scripts and sample profiles of Richard M. Hicks (Always On VPN blog, directaccess.richardhicks.com),',
    'and a few other public pages and open-source tools. The data in `schemas/` cites each document by the key shown',
    'here; the editor, the command line and [docs/rules.md](rules.md) show its title and address instead.',
    '',
    'What we call **the Always On VPN security baseline** (AES128, SHA-256, DH group 14 and PFS 2048 on the',
    "server, on the client and in ProfileXML) comes from Richard M. Hicks' article",
    `[${sourceDef('hicks-ikev2-security')?.title}](#hicks-ikev2-security).`,
    '',
    "Where a fact is not confirmed by Microsoft's documentation (sources disagree, or only deployed profiles",
    'show it), hover says so under **Not confirmed**, and no rule reports it as an error.',
    '',
    '## Sources that changed after we read them',
    '',
  ];
  for (const s of SOURCES.filter((x) => x.revised)) out.push(`- [${s.title}](#${s.key}): ${s.revised}`);
  out.push('');
  for (const [group, title] of Object.entries(SOURCE_GROUPS)) {
    out.push(`## ${title}`, '');
    for (const s of SOURCES.filter((x) => x.group === group)) out.push(...sourceEntry(s));
  }
  return out.join('\n');
}

export function windowsTargets(): string[] {
  return SCHEMA.windowsBuilds.map((b) => b.id);
}

/** The `contributes.configuration` block of package.json. */
export function configurationSchema(): unknown {
  const ruleProperties: Record<string, unknown> = {};
  for (const r of shippedRules()) {
    ruleProperties[r.id] = {
      type: 'string',
      enum: ['error', 'warning', 'information', 'hint', 'off'],
      description: `${r.title} (default: ${r.severity}).`,
    };
  }
  return {
    title: 'Always On VPN',
    properties: {
      'aovpn.targetWindows': {
        type: 'string',
        default: 'win11-21h2',
        scope: 'resource',
        pattern: '^(win1[01]-[0-9a-z]+|10\\.0\\.\\d+)$',
        patternErrorMessage: 'A release such as win11-22h2 or a build such as 10.0.22621.',
        markdownDescription:
          'Oldest Windows release the profiles must work on: a release id or a build such as `10.0.19045`. Elements and values that need a newer build are reported by `unsupported-on-target`.',
        examples: windowsTargets(),
      },
      'aovpn.deployment': {
        type: 'string',
        enum: ['any', 'intune', 'powershell'],
        default: 'any',
        scope: 'resource',
        enumDescriptions: [
          'Checks that hold for every deployment path.',
          'Also the Intune-on-Windows-11 field rules (element order, server listed twice, MachineMethod).',
          'PowerShell / Configuration Manager through the MDM WMI bridge.',
        ],
        description: 'How the profiles are deployed.',
      },
      'aovpn.workspaceDiagnostics': {
        type: 'string',
        enum: [...WORKSPACE_DIAGNOSTICS_MODES],
        default: 'auto',
        scope: 'window',
        enumDescriptions: [
          `Closed files' problems while the workspace holds at most ${WORKSPACE_DIAGNOSTICS_AUTO_LIMIT.toLocaleString('en-US')} profiles and scripts.`,
          "Closed files' problems in any workspace (the first 2,000 profiles and scripts are read).",
          'Problems of open documents only.',
        ],
        markdownDescription:
          'Show the problems of profiles and scripts that are not open, in the Problems panel (a script whose IPsec policy differs from the profile, before anyone opens it). A file that is opened shows its own; deleted files and, when this is turned off, all closed files are cleared.',
      },
      'aovpn.rules': {
        type: 'object',
        default: {},
        scope: 'resource',
        markdownDescription: 'Severity per rule id, or `off`. Example: `{ "weak-crypto": "error", "non-canonical-value": "off" }`.',
        properties: ruleProperties,
        additionalProperties: false,
      },
      // Read by the language client itself (client/src/trace.ts), never by the checks.
      'aovpn.trace.server': {
        type: 'string',
        enum: ['off', 'messages', 'verbose'],
        default: 'off',
        scope: 'window',
        enumDescriptions: [
          'No trace.',
          'The name of each message between VS Code and the language server, and how long each request took.',
          'Each message with its content, which includes the text of the open profiles and scripts.',
        ],
        markdownDescription:
          'Traces the messages between VS Code and the Always On VPN language server in the output **Always On VPN ProfileXML (Trace)**, for a bug report. `verbose` also shows their content, which includes the text of open documents.',
      },
    },
  };
}

function replaceBetween(text: string, start: string, end: string, body: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`markers ${start} … ${end} not found`);
  return text.slice(0, a + start.length) + '\n' + body + '\n' + text.slice(b);
}

export function renderReadme(current: string): string {
  return replaceBetween(current, '<!-- rules:start -->', '<!-- rules:end -->', rulesTable());
}

export function renderPackageJson(current: string): string {
  const pkg = JSON.parse(current) as { contributes?: Record<string, unknown> };
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration: configurationSchema() };
  return JSON.stringify(pkg, null, 2) + '\n';
}

if (require.main === module) {
  const readme = path.join(ROOT, 'README.md');
  writeFileSync(readme, renderReadme(readFileSync(readme, 'utf8')));
  writeFileSync(path.join(ROOT, 'docs/rules.md'), rulesDoc());
  writeFileSync(path.join(ROOT, 'docs/sources.md'), sourcesDoc());
  const pkg = path.join(ROOT, 'package.json');
  writeFileSync(pkg, renderPackageJson(readFileSync(pkg, 'utf8')));
  console.log('wrote README.md rules table, docs/rules.md, docs/sources.md, package.json configuration');
}
