import rulesJson from '../../../schemas/rules.json';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleLevel = Severity | 'off';
export type Deployment = 'intune' | 'powershell' | 'any';

/** What users configure, in VS Code settings and on the CLI alike. */
export interface Settings {
  /** Windows release id (`win11-22h2`) or build (`10.0.22621`) the profiles are written for. */
  targetWindows: string;
  deployment: Deployment;
  /** Per-rule severity overrides; `off` silences a rule. */
  rules: Record<string, RuleLevel>;
}

export const DEFAULT_SETTINGS: Settings = {
  targetWindows: 'win11-21h2',
  deployment: 'any',
  rules: {},
};

export interface RuleMeta {
  id: string;
  language: 'profilexml' | 'powershell' | 'workspace';
  family: string;
  severity: Severity;
  title: string;
  description: string;
  fix: string | null;
  sources: string[];
  deployment?: Deployment;
  notARule?: boolean;
}

export const RULES: readonly RuleMeta[] = (rulesJson as { rules: RuleMeta[] }).rules;
const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULES_BY_ID.get(id);
}

/** Merges partial user settings over the defaults, ignoring values of the wrong shape. */
export function resolveSettings(partial: Partial<Settings> | undefined | null): Settings {
  const p = partial ?? {};
  const deployment =
    p.deployment === 'intune' || p.deployment === 'powershell' || p.deployment === 'any' ? p.deployment : DEFAULT_SETTINGS.deployment;
  const targetWindows =
    typeof p.targetWindows === 'string' && p.targetWindows.trim() ? p.targetWindows.trim() : DEFAULT_SETTINGS.targetWindows;
  const rules: Record<string, RuleLevel> = {};
  if (p.rules && typeof p.rules === 'object') {
    for (const [id, level] of Object.entries(p.rules)) {
      if (level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off') rules[id] = level;
    }
  }
  return { targetWindows, deployment, rules };
}

/**
 * The severity a rule reports with under these settings, or undefined when it is off.
 * `findingDefault` is the default of one finding that the catalogue rates lower than the rule's
 * usual severity (an empty optional list is information where an empty boolean is an error);
 * a severity the user sets for the rule still wins.
 */
export function effectiveSeverity(id: string, settings: Settings, findingDefault?: Severity): Severity | undefined {
  const meta = RULES_BY_ID.get(id);
  const override = settings.rules[id];
  if (override === 'off') return undefined;
  // Deployment-specific rules run for that deployment, or when the user asked for them by name.
  if (meta?.deployment && meta.deployment !== settings.deployment && !override) return undefined;
  return override ?? findingDefault ?? meta?.severity ?? 'warning';
}
