// The `aovpn.trace.server` setting (off, messages, verbose): the messages between VS Code and the
// language server, in an output channel of their own, as other language extensions offer.
//
// vscode-languageclient 11 traces only while its trace channel's log level is Trace, and then reads
// `aovpn.trace.server` for the detail (it treats "off" as "messages"). A user who sets the setting
// expects a trace without also finding "Developer: Set Log Level", so the client gets this
// channel, whose log level follows the setting: Trace while it is messages or verbose, Off
// otherwise. The underlying output channel is created on the first line, so none is listed while
// tracing is off.
import * as vscode from 'vscode';

export const TRACE_SETTING = 'aovpn.trace.server';

type TraceSetting = 'off' | 'messages' | 'verbose';

function traceSetting(): TraceSetting {
  const value = vscode.workspace.getConfiguration('aovpn').get<unknown>('trace.server');
  return value === 'messages' || value === 'verbose' ? value : 'off';
}

export function createTraceChannel(name: string): vscode.LogOutputChannel & vscode.Disposable {
  let channel: vscode.OutputChannel | undefined;
  const out = (): vscode.OutputChannel => (channel ??= vscode.window.createOutputChannel(name));
  const levelOf = (setting: TraceSetting): vscode.LogLevel => (setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace);
  let level = levelOf(traceSetting());
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  const configuration = vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(TRACE_SETTING)) return;
    const next = levelOf(traceSetting());
    // The client re-reads the setting on every configuration change; only the on/off switch is ours to tell.
    if (next === level) return;
    level = next;
    levelChanged.fire(level);
  });
  const line = (severity: string, message: string): void => {
    if (level === vscode.LogLevel.Off) return;
    out().appendLine(`${new Date().toISOString()} [${severity}] ${message}`);
  };
  const formatted = (message: string | Error, args: unknown[]): string =>
    [
      message instanceof Error ? (message.stack ?? message.message) : message,
      ...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))),
    ].join(' ');
  return {
    name,
    get logLevel() {
      return level;
    },
    onDidChangeLogLevel: levelChanged.event,
    trace: (message, ...args) => line('trace', formatted(message, args)),
    debug: (message, ...args) => line('debug', formatted(message, args)),
    info: (message, ...args) => line('info', formatted(message, args)),
    warn: (message, ...args) => line('warning', formatted(message, args)),
    error: (message, ...args) => line('error', formatted(message, args)),
    append: (value) => out().append(value),
    appendLine: (value) => out().appendLine(value),
    replace: (value) => out().replace(value),
    clear: () => channel?.clear(),
    show: (columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      out().show(typeof columnOrPreserve === 'boolean' ? columnOrPreserve : preserveFocus),
    hide: () => channel?.hide(),
    dispose: () => {
      configuration.dispose();
      levelChanged.dispose();
      channel?.dispose();
    },
  };
}
