// What the language status item says (languageStatus.ts shows it): the deployment mode and the
// oldest Windows release a profile or VPN script is checked for, a warning when a setting names
// nothing the checks know, and the language server's own state. Pure (no vscode API), so a unit
// test can hold every case; the release ids come from the target setting's list in package.json
// (generated from the profile model), the same list the New Profile wizard offers.
import type { DocumentScope } from './documentScope';

export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusInput {
  scope: DocumentScope;
  /** The `aovpn.targetWindows` value for the document (unchecked: settings files can hold anything). */
  targetWindows: unknown;
  /** The `aovpn.deployment` value for the document (unchecked). */
  deployment: unknown;
  /** Known release ids, oldest first (`win10-1511` … `win11-25h2`). */
  releases: readonly string[];
  server: ServerState;
}

export interface StatusView {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  /** What the item's link does: change the two settings, or restart a stopped server. */
  action: 'change' | 'restart';
}

export const DEPLOYMENTS = ['any', 'intune', 'powershell'] as const;
export type DeploymentId = (typeof DEPLOYMENTS)[number];

const DEPLOYMENT_TEXT: Record<DeploymentId, string> = {
  any: 'Any deployment',
  intune: 'Intune',
  powershell: 'PowerShell (MDM bridge)',
};

/** A build the target setting accepts besides the release ids (its pattern in package.json). */
const BUILD = /^10\.0\.\d+$/;

/** `win11-22h2` → "Windows 11, version 22H2" (the wording of Microsoft's release information). */
export function releaseLabel(id: string): string {
  const m = /^win(\d+)-(\w+)$/i.exec(id);
  return m ? `Windows ${m[1]}, version ${m[2].toUpperCase()}` : BUILD.test(id) ? `Windows build ${id}` : id;
}

/** `win11-22h2` → "Windows 11 22H2", short enough for the status bar. */
export function shortReleaseLabel(id: string): string {
  const m = /^win(\d+)-(\w+)$/i.exec(id);
  return m ? `Windows ${m[1]} ${m[2].toUpperCase()}` : BUILD.test(id) ? `Windows build ${id}` : id;
}

export function deploymentLabel(id: DeploymentId): string {
  return DEPLOYMENT_TEXT[id];
}

/** The release id as listed (any case accepted, as the server does), a build, or undefined when it names nothing. */
export function knownTarget(value: unknown, releases: readonly string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (BUILD.test(trimmed)) return trimmed;
  return releases.find((id) => id.toLowerCase() === trimmed.toLowerCase());
}

export function knownDeployment(value: unknown): DeploymentId | undefined {
  return DEPLOYMENTS.find((d) => d === value);
}

export function describeStatus(input: StatusInput): StatusView {
  const [what, verb] = input.scope === 'profile' ? ['this profile', 'is'] : ["this script's cmdlets and profiles", 'are'];
  if (input.server === 'stopped') {
    return {
      text: 'Language server stopped',
      detail: input.scope === 'profile' ? 'nothing in this profile is checked' : 'nothing in this script is checked',
      severity: 'error',
      busy: false,
      action: 'restart',
    };
  }
  const busy = input.server === 'starting';
  const deployment = knownDeployment(input.deployment);
  const target = knownTarget(input.targetWindows, input.releases);
  const deploymentText = deployment ? deploymentLabel(deployment) : `Unknown deployment "${String(input.deployment)}"`;
  const targetText = target ? `${shortReleaseLabel(target)} and later` : `unknown Windows "${String(input.targetWindows)}"`;
  const text = `${deploymentText} · ${targetText}`;
  if (!deployment || !target) {
    // What the server does with each unknown value (it also warns once): an unknown deployment
    // is checked as "any"; an unknown target turns the checks against the Windows version off.
    const consequences = [
      !deployment ? 'aovpn.deployment is unknown, so the checks for any deployment run' : undefined,
      !target ? 'aovpn.targetWindows names no release or build, so nothing is checked against the Windows version' : undefined,
    ].filter(Boolean);
    return { text, detail: consequences.join('; '), severity: 'warning', busy, action: 'change' };
  }
  return { text, detail: `what ${what} ${verb} checked for`, severity: 'information', busy, action: 'change' };
}
