// The `aovpn` settings of each document: asked of the client (workspace/configuration) when it can
// answer, else what it pushed (initializationOptions, didChangeConfiguration). Answers are cached
// per URI until the settings change or the document closes.
import { DidChangeConfigurationNotification, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { settingsProblems } from '../host/settingsCheck';
import type { Settings } from '../service/settings';
import type { HandlerContext } from './context';

export const SECTION = 'aovpn';

/** Documents per workspace/configuration request when the settings of many closed files are fetched. */
const SETTINGS_CHUNK = 200;

export interface SettingsStore {
  settingsFor(uri: string): Promise<Partial<Settings>>;
  /** Settings of many documents in one workspace/configuration request per chunk (the problems of closed files). */
  prefetchSettings(uris: readonly string[]): Promise<void>;
  /** Settings not tied to a document (the new-profile command). */
  workspaceSettings(): Promise<Partial<Settings>>;
  /** What the client pushed in `initialize`. */
  initialized(pushed: unknown): void;
  /** A document closed: its cached settings go. */
  forget(uri: string): void;
  /** The settings changed (didChangeConfiguration): documents are to be validated again. */
  onDidChange(listener: () => void): void;
}

export function createSettingsStore(ctx: HandlerContext): SettingsStore {
  const { connection } = ctx;
  /** Settings pushed by the client (initializationOptions or didChangeConfiguration) when it cannot be asked. */
  let pushedSettings: unknown = undefined;
  const settingsByUri = new Map<string, Promise<Partial<Settings>>>();
  const reportedProblems = new Set<string>();
  const changeListeners: (() => void)[] = [];

  function settingsFor(uri: string): Promise<Partial<Settings>> {
    if (!ctx.client.pullConfiguration) return Promise.resolve(checked(pushedSettings));
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
        (value: unknown) => checked(value),
        (error: unknown) => {
          ctx.log.logError('workspace/configuration', error);
          return checked(pushedSettings);
        },
      );
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  async function prefetchSettings(uris: readonly string[]): Promise<void> {
    if (!ctx.client.pullConfiguration) return;
    const missing = uris.filter((uri) => !settingsByUri.has(uri));
    for (let start = 0; start < missing.length; start += SETTINGS_CHUNK) {
      const chunk = missing.slice(start, start + SETTINGS_CHUNK);
      const answer = connection.workspace.getConfiguration(chunk.map((scopeUri) => ({ scopeUri, section: SECTION }))).then(
        (values: unknown[]) => values,
        (error: unknown) => {
          ctx.log.logError('workspace/configuration', error);
          return chunk.map(() => pushedSettings);
        },
      );
      chunk.forEach((uri, i) =>
        settingsByUri.set(
          uri,
          answer.then((values) => checked(Array.isArray(values) ? values[i] : undefined)),
        ),
      );
      await answer;
    }
  }

  function workspaceSettings(): Promise<Partial<Settings>> {
    if (!ctx.client.pullConfiguration) return Promise.resolve(checked(pushedSettings));
    return connection.workspace.getConfiguration({ section: SECTION }).then(
      (value: unknown) => checked(value),
      () => checked(pushedSettings),
    );
  }

  /** Bad settings are reported once, visibly, instead of silently falling back to defaults. */
  function checked(value: unknown): Partial<Settings> {
    for (const problem of settingsProblems(value)) {
      if (reportedProblems.has(problem)) continue;
      reportedProblems.add(problem);
      connection.console.warn(`Settings: ${problem}`);
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Always On VPN ProfileXML settings: ${problem}.`,
      });
    }
    return value && typeof value === 'object' ? (value as Partial<Settings>) : {};
  }

  connection.onDidChangeConfiguration((params) => {
    ctx.log.guard(
      'configuration change',
      () => {
        if (!ctx.client.pullConfiguration) {
          const pushed = sectionOf(params?.settings);
          if (pushed !== undefined) pushedSettings = pushed;
        }
        settingsByUri.clear();
        for (const listener of changeListeners) listener();
      },
      undefined,
    );
  });

  return {
    settingsFor,
    prefetchSettings,
    workspaceSettings,
    initialized: (pushed) => {
      pushedSettings = sectionOf(pushed);
    },
    forget: (uri) => settingsByUri.delete(uri),
    onDidChange: (listener) => changeListeners.push(listener),
  };
}

/** Accepts `{ aovpn: {...} }` (what VS Code pushes) or the section itself. */
export function sectionOf(value: unknown): unknown {
  if (value && typeof value === 'object' && SECTION in value) return (value as Record<string, unknown>)[SECTION];
  return value ?? undefined;
}

/** Asks the client to tell the server of settings changes (when it pulls settings and registers dynamically). */
export function registerForConfigurationChanges(ctx: HandlerContext): void {
  if (!ctx.client.pullConfiguration || !ctx.client.registerConfigurationChange) return;
  void ctx.connection.client
    .register(DidChangeConfigurationNotification.type, { section: SECTION })
    .catch((error: unknown) => ctx.log.logError('register for configuration changes', error));
}
