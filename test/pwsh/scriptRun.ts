import path from 'node:path';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { parsePowerShellDocument } from '../../server/src/service/powershell/document';
import { loadPowerShellParser } from '../../server/src/service/powershell/grammar';
import type { OracleDifference } from './acceptedDifferences';
import type { PhaseResult } from './main';
import { authoringScripts, type GeneratedScript } from './parserInputs';
import { PwshServer } from './pwshServer';

/**
 * Phase 2: every script the authoring commands write, run by PowerShell with the MDM WMI bridge
 * and every other command replaced by recording stand-ins (runServer.ps1). The profile handed to
 * the bridge must be the source profile byte for byte (XML-escaped as the bridge wants it), the
 * connection name must come back unchanged, nothing but the expected commands may run (hostile
 * names and contents included), and a removal that fails with Windows 11's "general error" must
 * not stop the creation.
 */

interface RunRequest {
  id: string;
  text: string;
  userSid?: string;
  identity?: string;
  existing?: string[];
  fail?: 'enumerate' | 'delete';
}

interface RunReply {
  id: string;
  commands: string[];
  unexpected: string[];
  enumerated: number;
  deleted: string[];
  created: { namespace: string; class: string; properties: Record<string, string>; options: Record<string, string> | null }[];
  output: string[];
  warnings: string[];
  calls: string[][];
  error: string | null;
}

/** What `[System.Security.SecurityElement]::Escape` makes of a string: all five XML special characters. */
function xmlEscaped(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** What the bridge makes of the escaped text. */
function xmlUnescaped(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');
}

const USER_SID = 'S-1-5-21-2000-3000-4000-1105';
/** What runServer.ps1's stand-in for NTAccount.Translate answers for the console user. */
const CONSOLE_USER_SID = 'S-1-5-21-1000-1000-1000-1001';
const GENERAL_ERROR = /general error/;

interface Scenario {
  name: string;
  request: (s: GeneratedScript, instanceId: string) => Omit<RunRequest, 'id' | 'text'>;
  /** Whether the profile must be created. */
  creates: boolean;
}

const USER_SCENARIOS: Scenario[] = [
  { name: 'new profile, user given', request: () => ({ userSid: USER_SID }), creates: true },
  { name: 'new profile, console user', request: () => ({}), creates: true },
  { name: 'existing profile replaced', request: (_, id) => ({ userSid: USER_SID, existing: ['Other%20VPN', id] }), creates: true },
  {
    name: 'enumeration fails (general error)',
    request: (_, id) => ({ userSid: USER_SID, existing: [id], fail: 'enumerate' }),
    creates: true,
  },
  { name: 'deletion fails (general error)', request: (_, id) => ({ userSid: USER_SID, existing: [id], fail: 'delete' }), creates: true },
];
const DEVICE_SCENARIOS: Scenario[] = [
  { name: 'new profile, as SYSTEM', request: () => ({}), creates: true },
  { name: 'existing profile replaced', request: (_, id) => ({ existing: [id] }), creates: true },
  { name: 'enumeration fails (general error)', request: (_, id) => ({ existing: [id], fail: 'enumerate' }), creates: true },
  { name: 'deletion fails (general error)', request: (_, id) => ({ existing: [id], fail: 'delete' }), creates: true },
  { name: 'not run as SYSTEM', request: () => ({ identity: USER_SID }), creates: false },
];

/** RFC 3986 encoding as [System.Uri]::EscapeDataString does it (encodeURIComponent leaves !'()* alone). */
function escapeDataString(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function runGeneratedScripts(pwsh: string): Promise<PhaseResult> {
  const scripts = await authoringScripts();
  const parser = await loadPowerShellParser(nodeWasmSource());
  const server = new PwshServer(pwsh, path.join(__dirname, 'runServer.ps1'));
  const differences: OracleDifference[] = [];
  const fail = (input: string, category: string, detail: string, excerpt = ''): void => {
    differences.push({ oracle: 'run', input, category, detail, excerpt });
  };
  let runs = 0;
  let deployments = 0;
  let policies = 0;
  try {
    // The command sequence of each scenario, from the first script of its kind: every other script must look up exactly these.
    const expectedCommands = new Map<string, string>();
    const jobs: { script: GeneratedScript; scenario: Scenario; device: boolean; instanceId: string; reply: Promise<RunReply> }[] = [];
    for (const script of scripts) {
      if (script.profileXml === undefined) continue;
      deployments++;
      const device = script.text.includes("'S-1-5-18'");
      const instanceId = escapeDataString(script.profileName ?? '');
      for (const scenario of device ? DEVICE_SCENARIOS : USER_SCENARIOS) {
        const request: RunRequest = { id: `${script.id} / ${scenario.name}`, text: script.text, ...scenario.request(script, instanceId) };
        jobs.push({ script, scenario, device, instanceId, reply: server.request<RunReply>(request) });
      }
    }
    for (const { script, scenario, device, instanceId, reply: pending } of jobs) {
      const reply = await pending;
      runs++;
      const id = `${script.id} / ${scenario.name}`;
      const key = `${device ? 'device' : 'user'} / ${scenario.name}`;
      const commands = reply.commands.join(', ');
      const expected = expectedCommands.get(key);
      if (expected === undefined) expectedCommands.set(key, commands);
      else if (expected !== commands)
        fail(id, 'commands', `looked up ${commands}; the same scenario of the first script looked up ${expected}`);
      if (reply.unexpected.length > 0) fail(id, 'unexpected-command', `the script tried to run ${reply.unexpected.join(', ')}`);
      if (!scenario.creates) {
        if (reply.created.length !== 0 || !reply.error)
          fail(id, 'created-when-it-must-not', `created ${reply.created.length}, error ${JSON.stringify(reply.error)}`);
        continue;
      }
      if (reply.error) fail(id, 'error', reply.error.slice(0, 500));
      if (reply.created.length !== 1) {
        fail(id, 'created', `created ${reply.created.length} instances`);
        continue;
      }
      const created = reply.created[0];
      const props = created.properties;
      if (created.namespace !== 'root\\cimv2\\mdm\\dmmap' || created.class !== 'MDM_VPNv2_01' || props.ParentID !== './Vendor/MSFT/VPNv2')
        fail(id, 'instance', `namespace ${created.namespace}, class ${created.class}, ParentID ${props.ParentID}`);
      const profile = script.profileXml ?? '';
      if (props.ProfileXML !== xmlEscaped(profile))
        fail(
          id,
          'profile-escaped',
          `the bridge got ${props.ProfileXML?.length} characters, not the escaped source profile (${xmlEscaped(profile).length})`,
        );
      if (xmlUnescaped(props.ProfileXML ?? '') !== profile)
        fail(id, 'profile-bytes', 'the profile the bridge decodes differs from the source profile');
      if (props.InstanceID !== instanceId || decodeURIComponent(props.InstanceID ?? '') !== script.profileName)
        fail(id, 'instance-id', `InstanceID ${JSON.stringify(props.InstanceID)} for the name ${JSON.stringify(script.profileName)}`);
      if (reply.output.join('\n') !== `Created the VPN profile ${script.profileName}.`)
        fail(id, 'connection-name', `output ${JSON.stringify(reply.output)}`);
      const request = scenario.request(script, instanceId);
      if (!device) {
        const sid = request.userSid ?? CONSOLE_USER_SID;
        if (
          created.options?.PolicyPlatformContext_PrincipalContext_Id !== sid ||
          created.options?.PolicyPlatformContext_PrincipalContext_Type !== 'PolicyPlatform_UserContext'
        )
          fail(id, 'user-context', `options ${JSON.stringify(created.options)}`);
      } else if (created.options && Object.keys(created.options).length > 0)
        fail(id, 'device-context', `a device profile got options ${JSON.stringify(created.options)}`);
      const deletes = request.fail === undefined && (request.existing ?? []).includes(instanceId);
      if (deletes !== (reply.deleted.length === 1 && reply.deleted[0] === instanceId) || (!deletes && reply.deleted.length > 0))
        fail(id, 'deleted', `deleted ${JSON.stringify(reply.deleted)}`);
      const warned =
        reply.warnings.length === 1 && GENERAL_ERROR.test(reply.warnings[0]) && reply.warnings[0].includes(script.profileName ?? '\u0000');
      if ((request.fail !== undefined) !== warned || (request.fail === undefined && reply.warnings.length > 0))
        fail(id, 'removal-report', `warnings ${JSON.stringify(reply.warnings)}`);
    }
    // Server-policy scripts: they must run the three commands they show, nothing else, without error.
    const policyReplies = scripts
      .filter((s) => s.profileXml === undefined)
      .map((script) => ({ script, reply: server.request<RunReply>({ id: script.id, text: script.text }) }));
    for (const { script, reply: pending } of policyReplies) {
      const reply = await pending;
      runs++;
      policies++;
      if (reply.error) fail(script.id, 'error', reply.error.slice(0, 500));
      if (reply.unexpected.length > 0) fail(script.id, 'unexpected-command', `the script tried to run ${reply.unexpected.join(', ')}`);
      const names = reply.calls.map((c) => c[0]);
      if (
        names[0] !== 'Set-VpnServerConfiguration' ||
        names[names.length - 1] !== 'Restart-Service' ||
        names.some((n, i) => i > 0 && i < names.length - 1 && n !== 'New-ItemProperty')
      )
        fail(script.id, 'policy-commands', `ran ${names.join(', ')}`);
      // What each command received, as PowerShell passed it, against what our extraction reads from the script.
      const ours = parsePowerShellDocument(parser, script.text);
      try {
        const read = ours.script.commands.map((c) => {
          const written = [
            ...c.parameters.map((p) => ({ at: p.span.start, words: [`-${p.name}`, ...(p.value ? [p.value.value ?? p.value.text] : [])] })),
            ...c.positional.map((v) => ({ at: v.span.start, words: [v.value ?? v.text] })),
          ].sort((a, b) => a.at - b.at);
          return [c.name, ...written.flatMap((w) => w.words)];
        });
        if (JSON.stringify(read) !== JSON.stringify(reply.calls))
          fail(
            script.id,
            'policy-arguments',
            `PowerShell passed ${JSON.stringify(reply.calls)}; the extraction reads ${JSON.stringify(read)}`,
          );
        if (!reply.calls[0]?.includes('-CustomPolicy'))
          fail(script.id, 'policy-arguments', 'Set-VpnServerConfiguration got no -CustomPolicy');
      } finally {
        ours.script.tree.delete();
        if (ours.tree !== ours.script.tree) ours.tree.delete();
      }
    }
  } finally {
    await server.close();
  }
  return {
    oracle: 'run',
    summary: [
      `scripts run ${deployments + policies} (${deployments} deployment scripts in ${runs - policies} scenarios, ${policies} server policies)`,
    ],
    differences,
  };
}
