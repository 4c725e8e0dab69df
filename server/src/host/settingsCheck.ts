import { schemaIndex, targetBuild } from '../service/profilexml/schema';
import { ruleMeta, type Settings } from '../service/settings';
import { workspaceDiagnosticsProblem } from './workspaceDiagnosticsSetting';

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];
const DEPLOYMENTS = ['intune', 'powershell', 'any'];

/**
 * What is wrong with user settings, in words a user can act on. The service quietly ignores
 * values of the wrong shape; the front doors (CLI, server) say so instead of going quiet.
 */
export function settingsProblems(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object') return ['the aovpn settings must be an object'];
  const p = raw as Partial<Record<keyof Settings, unknown>>;
  const problems: string[] = [];
  if (p.deployment !== undefined && !DEPLOYMENTS.includes(p.deployment as string)) {
    problems.push(`deployment "${String(p.deployment)}" is not one of ${DEPLOYMENTS.join(', ')}; using "any"`);
  }
  if (p.targetWindows !== undefined) {
    const problem = targetWindowsProblem(p.targetWindows);
    if (problem) problems.push(problem);
  }
  if (p.rules !== undefined) {
    if (typeof p.rules !== 'object' || p.rules === null || Array.isArray(p.rules)) {
      problems.push('rules must be an object of rule id → error | warning | information | hint | off');
    } else {
      for (const [id, level] of Object.entries(p.rules)) {
        if (!ruleMeta(id)) problems.push(`unknown rule id "${id}"`);
        if (!LEVELS.includes(level as string)) problems.push(`rule "${id}": level "${String(level)}" is not one of ${LEVELS.join(', ')}`);
      }
    }
  }
  const workspaceProblem = workspaceDiagnosticsProblem(raw);
  if (workspaceProblem) problems.push(workspaceProblem);
  return problems;
}

/** Undefined when the value names a Windows release (`win11-22h2`) or build (`10.0.22621`). */
export function targetWindowsProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() && targetBuild(value.trim()) !== undefined) return undefined;
  const known = schemaIndex().builds.map((b) => b.id);
  return `target Windows "${String(value)}" is neither a known release (${known[0]} … ${known[known.length - 1]}) nor a build such as 10.0.22621`;
}

export function knownTargetIds(): string[] {
  return schemaIndex().builds.map((b) => b.id);
}
