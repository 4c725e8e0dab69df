// Authoring commands: the client asks the questions and opens what the language server
// generates (service/authoring on the server side). Shared by the desktop and the web extension:
// only the vscode API and the protocol, no Node modules.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient } from 'vscode-languageclient';
import {
  CLIENT_COMMANDS,
  SERVER_COMMANDS as SERVER,
  type AuthoringResult as Result,
  type AuthoringTarget as Target,
  type NewProfileAnswers,
  type ProtocolChoice,
} from '../../server/src/service/authoring/protocol';
import { protocolsFor, targetsFor } from './wizardChoices';
import { NAME } from './name';
import { notesMessage } from './notesMessage';

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

export function registerAuthoringCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const run = (command: string, args: unknown[]): Promise<Result> =>
    client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<Result>;
  const toPosition = (p: vscode.Position): { line: number; character: number } => ({ line: p.line, character: p.character });

  context.subscriptions.push(
    // ---- New Always On VPN profile: [answers] skips the questions (tests, other extensions).
    vscode.commands.registerCommand(CLIENT_COMMANDS.newProfile, async (given?: NewProfileAnswers) => {
      const answers = given ?? (await askNewProfile(context));
      if (!answers) return undefined;
      const result = await run(SERVER.newProfile, [answers]);
      return openResult(result, result.ok ? `New profile (${result.title})` : undefined);
    }),

    // ---- Create deployment script from this profile: [uri, position, profileName] skip the questions.
    vscode.commands.registerCommand(
      CLIENT_COMMANDS.deploymentScript,
      async (uri?: string, position?: { line: number; character: number }, name?: string) => {
        const at = await documentAt(uri, position, ['xml', 'powershell']);
        if (!at) return undefined;
        if (!uri && !(await confirmDespiteErrors(at.document))) return undefined;
        let result = await run(SERVER.deploymentScript, [at.document.uri.toString(), { position: at.position, profileName: name }]);
        if (result.ok && name === undefined) {
          const chosen = await vscode.window.showInputBox({
            title: 'Deployment script: VPN connection name',
            prompt: 'The name Windows shows for the connection (the MDM instance ID, URL-encoded by the script).',
            value: result.profileName,
            validateInput: (value) =>
              value.trim() === '' ? 'Give the connection a name.' : value.includes('/') ? 'The name cannot contain "/".' : undefined,
          });
          if (chosen === undefined) return undefined;
          if (chosen !== result.profileName)
            result = await run(SERVER.deploymentScript, [at.document.uri.toString(), { position: at.position, profileName: chosen }]);
        }
        return openResult(result);
      },
    ),

    // ---- Create RRAS server policy from this CryptographySuite: [uri, position] (code lens) or the cursor.
    vscode.commands.registerCommand(CLIENT_COMMANDS.serverPolicy, async (uri?: string, position?: { line: number; character: number }) => {
      const at = await documentAt(uri, position, ['xml', 'powershell']);
      if (!at) return undefined;
      return openResult(await run(SERVER.serverPolicyFromSuite, [at.document.uri.toString(), at.position]));
    }),

    // ---- Create CryptographySuite from this server policy: new document, clipboard, or applied to a profile.
    vscode.commands.registerCommand(
      CLIENT_COMMANDS.suite,
      async (uri?: string, position?: { line: number; character: number }, action?: string) => {
        const at = await documentAt(uri, position, ['powershell']);
        if (!at) return undefined;
        const result = await run(SERVER.suiteFromServerPolicy, [at.document.uri.toString(), at.position]);
        if (!result.ok) return openResult(result);
        const choices: Pick<string | Target>[] = [
          { label: 'Open in a new document', value: 'document' },
          { label: 'Copy to the clipboard', value: 'clipboard' },
          ...(result.targets ?? []).map((t) => ({
            label: t.title,
            description: vscode.workspace.asRelativePath(vscode.Uri.parse(t.uri)),
            value: t,
          })),
        ];
        const chosen = action
          ? choices.find((c) => c.value === action || (typeof c.value !== 'string' && c.value.uri === action))
          : await vscode.window.showQuickPick(choices, { title: result.title, placeHolder: 'What to do with the CryptographySuite' });
        if (!chosen) return undefined;
        if (chosen.value === 'clipboard') {
          await vscode.env.clipboard.writeText(result.text);
          showNotes(result.notes, 'The CryptographySuite is on the clipboard');
          return undefined;
        }
        if (typeof chosen.value !== 'string') return applyTarget(client, chosen.value, result.notes);
        return openResult(result);
      },
    ),

    // ---- Code lens target: one place opens, several are shown in a peek.
    vscode.commands.registerCommand(
      CLIENT_COMMANDS.showLocations,
      async (
        uri: string,
        position: { line: number; character: number },
        locations: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[],
      ) => {
        const converted = (locations ?? []).map((l) => client.protocol2CodeConverter.asLocation(l));
        if (converted.length === 0) return;
        if (converted.length === 1) {
          const document = await vscode.workspace.openTextDocument(converted[0].uri);
          await vscode.window.showTextDocument(document, { selection: converted[0].range });
          return;
        }
        await vscode.commands.executeCommand(
          'editor.action.showReferences',
          vscode.Uri.parse(uri),
          new vscode.Position(position.line, position.character),
          converted,
        );
      },
    ),
  );

  /** The document and position a command is about: the arguments, or the active editor and its cursor. */
  async function documentAt(
    uri: string | undefined,
    position: { line: number; character: number } | undefined,
    languages: string[],
  ): Promise<{ document: vscode.TextDocument; position?: { line: number; character: number } } | undefined> {
    if (uri) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      return { document, position };
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || !languages.includes(editor.document.languageId)) {
      void vscode.window.showInformationMessage(
        `${NAME}: open ${languages.includes('xml') ? 'a ProfileXML document or a script that holds one' : 'the RRAS server script'} first.`,
      );
      return undefined;
    }
    return { document: editor.document, position: toPosition(editor.selection.active) };
  }
}

/** Opens a generated document (untitled, never saved by us) and tells what the notes say. */
async function openResult(result: Result, headline?: string): Promise<vscode.TextDocument | undefined> {
  if (!result.ok) {
    void vscode.window.showWarningMessage(`${NAME}: ${result.message}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: result.language, content: result.text });
  await vscode.window.showTextDocument(document);
  // The opened document is the answer: a notification only when there is something to check.
  if (result.notes.length > 0) showNotes(result.notes, headline ?? result.title);
  return document;
}

/** One short notification; long or several notes wait behind "Show Details" (a dialog that lists them). */
function showNotes(notes: readonly string[], headline?: string): void {
  const shown = notesMessage(headline, notes);
  if (!shown) return;
  const message = `${NAME}: ${shown.message}`;
  if (!shown.details) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const details = 'Show Details';
  void Promise.resolve(vscode.window.showInformationMessage(message, details)).then((answer) => {
    if (answer === details) void vscode.window.showInformationMessage(message, { modal: true, detail: shown.details });
  });
}

async function applyTarget(client: BaseLanguageClient, target: Target, notes: readonly string[]): Promise<undefined> {
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit({ changes: { [target.uri]: target.edits } });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(
      `${NAME}: the CryptographySuite could not be written (the profile changed meanwhile?). Try again.`,
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  await vscode.window.showTextDocument(document);
  showNotes(notes);
  return undefined;
}

/** A deployment script for a profile with errors deploys a broken profile: ask first. */
async function confirmDespiteErrors(document: vscode.TextDocument): Promise<boolean> {
  const errors = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source === 'profilexml');
  if (errors.length === 0) return true;
  const go = 'Create anyway';
  const answer = await vscode.window.showWarningMessage(
    `${NAME}: the profile has ${errors.length} error${errors.length === 1 ? '' : 's'}; Windows may refuse it or apply it only in part. Create the deployment script anyway?`,
    { modal: true },
    go,
  );
  return answer === go;
}

// ---- the questions of "New Always On VPN profile" -------------------------------------------------

/** Where the questions are: the title shows "(step/total)"; the total shrinks when answers skip questions. */
/**
 * Steps of the wizard. The number of steps is shown only once the answers that decide the path
 * (tunnel, target, routing) are given, so the count never jumps.
 */
interface Flow {
  step: number;
  total?: number;
}

function titleOf(flow: Flow, title: string): string {
  flow.step++;
  return `New Always On VPN profile (${flow.total ? `${flow.step}/${flow.total}` : `step ${flow.step}`}): ${title}`;
}

async function pick<T>(flow: Flow, title: string, items: Pick<T>[], active?: T): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<Pick<T>>();
  quickPick.title = titleOf(flow, title);
  quickPick.items = items;
  quickPick.ignoreFocusOut = true;
  const initial = items.find((i) => i.value === active);
  if (initial) quickPick.activeItems = [initial];
  return new Promise<T | undefined>((resolve) => {
    let done = false;
    quickPick.onDidAccept(() => {
      done = true;
      resolve(quickPick.selectedItems[0]?.value ?? quickPick.activeItems[0]?.value);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!done) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

async function input(
  flow: Flow,
  title: string,
  prompt: string,
  placeHolder: string,
  validate?: (value: string) => string | undefined,
): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: titleOf(flow, title), prompt, placeHolder, ignoreFocusOut: true, validateInput: validate });
}

/** Release ids of the target setting (generated from the profile model into package.json). */
function targetReleases(context: vscode.ExtensionContext): string[] {
  const json = context.extension.packageJSON as {
    contributes?: { configuration?: { properties?: Record<string, { examples?: unknown }> } };
  };
  const examples = json.contributes?.configuration?.properties?.['aovpn.targetWindows']?.examples;
  return Array.isArray(examples) ? examples.filter((e): e is string => typeof e === 'string') : ['win11-21h2'];
}

function releaseLabel(id: string): string {
  const m = /^win(\d+)-(\w+)$/i.exec(id);
  return m ? `Windows ${m[1]}, version ${m[2].toUpperCase()}` : id;
}

const THUMBPRINT = /^[0-9a-fA-F]{2}(?: ?[0-9a-fA-F]{2}){19}$/;

async function askNewProfile(context: vscode.ExtensionContext): Promise<NewProfileAnswers | undefined> {
  const config = vscode.workspace.getConfiguration('aovpn');
  const flow: Flow = { step: 0 };
  const tunnel = await pick<'user' | 'device'>(flow, 'Tunnel', [
    { label: 'User tunnel', description: 'connects for the signed-in user (EAP)', value: 'user' },
    { label: 'Device tunnel', description: 'connects before sign-in: IKEv2, machine certificate, split tunnel', value: 'device' },
  ]);
  if (!tunnel) return undefined;
  // Only releases a profile of this kind can be written for (wizardChoices.ts says why).
  const targetWindows = await pick<string>(
    flow,
    'Oldest Windows the profile must work on',
    targetsFor(tunnel, targetReleases(context)).map((id) => ({ label: releaseLabel(id), description: id, value: id })),
    config.get<string>('targetWindows', 'win11-21h2'),
  );
  if (!targetWindows) return undefined;
  const answers: NewProfileAnswers = { tunnel, deployment: 'any', targetWindows };
  if (tunnel === 'device') {
    flow.total = 6; // tunnel, target, deployment, server, suffix, networks
  } else {
    const routing = await pick<'split' | 'force'>(flow, 'Routing', [
      { label: 'Split tunnel', description: 'only the internal networks go through the VPN', value: 'split' },
      { label: 'Force tunnel', description: 'all traffic goes through the VPN', value: 'force' },
    ]);
    if (!routing) return undefined;
    const protocols = protocolsFor(targetWindows);
    // tunnel, target, routing, [protocol], authentication, deployment, server, suffix, [networks], root CA, NPS
    flow.total = 9 + (protocols.length > 1 ? 1 : 0) + (routing === 'split' ? 1 : 0);
    let protocol: ProtocolChoice | undefined = protocols[0];
    if (protocols.length > 1) {
      protocol = await pick<ProtocolChoice>(flow, 'Protocol', [
        { label: 'IKEv2', description: 'recommended: best security and performance (UDP 500/4500)', value: 'IKEv2' },
        { label: 'SSTP', description: 'TLS on TCP 443, passes most firewalls (Windows 11)', value: 'SSTP' },
      ]);
      if (!protocol) return undefined;
    }
    const authentication = await pick<'peap-tls' | 'eap-tls' | 'peap-mschapv2'>(flow, 'Authentication', [
      { label: 'PEAP with EAP-TLS', description: 'user certificate inside PEAP (Microsoft’s recommendation)', value: 'peap-tls' },
      { label: 'EAP-TLS', description: 'user certificate', value: 'eap-tls' },
      { label: 'PEAP with EAP-MSCHAPv2', description: 'user name and password', value: 'peap-mschapv2' },
    ]);
    if (!authentication) return undefined;
    Object.assign(answers, { protocol, authentication, routing });
  }
  const deployment = await pick<'intune' | 'powershell' | 'any'>(
    flow,
    'Deployment',
    [
      { label: 'Intune', description: 'custom OMA-URI profile to Windows 11', value: 'intune' },
      { label: 'PowerShell or Configuration Manager', description: 'through the MDM WMI bridge', value: 'powershell' },
      { label: 'Any', description: 'no deployment-specific adjustments', value: 'any' },
    ],
    config.get<'intune' | 'powershell' | 'any'>('deployment', 'any'),
  );
  if (!deployment) return undefined;
  answers.deployment = deployment;

  const server = await input(
    flow,
    'VPN server',
    'The public DNS name of the VPN server (empty: vpn.example.com, to replace later).',
    'vpn.example.com',
  );
  if (server === undefined) return undefined;
  const dnsSuffix = await input(
    flow,
    'DNS suffix',
    'The internal DNS suffix, also used to detect the corporate network (empty: corp.example.com).',
    'corp.example.com',
  );
  if (dnsSuffix === undefined) return undefined;
  Object.assign(answers, { server, dnsSuffix });
  if ((answers.routing ?? 'split') === 'split') {
    const routes = await input(
      flow,
      'Internal networks',
      'Networks sent through the tunnel, comma-separated (empty: 10.0.0.0/8).',
      '10.0.0.0/8, 192.168.10.0/24',
    );
    if (routes === undefined) return undefined;
    answers.routes = routes.split(/[,;\s]+/).filter((r) => r !== '');
  }
  if (tunnel === 'user') {
    const trustedRootCA = await input(
      flow,
      'Root CA',
      'SHA-1 thumbprint of the root CA that issued the NPS server certificate (empty: a placeholder that the rules flag until you fill it in).',
      '40 hexadecimal digits',
      (value) => {
        // The certificate dialog's copy often starts with an invisible left-to-right mark (the server removes it).
        const digits = value.replace(/[\u200E\u200F\u202A-\u202E]/g, '').trim();
        return digits === '' || THUMBPRINT.test(digits)
          ? undefined
          : 'A SHA-1 thumbprint: 40 hexadecimal digits, optionally in pairs separated by single spaces.';
      },
    );
    if (trustedRootCA === undefined) return undefined;
    const npsServerNames = await input(
      flow,
      'NPS server',
      'The NPS server name as in its certificate (empty: nps.example.com).',
      'nps.corp.example.com',
    );
    if (npsServerNames === undefined) return undefined;
    Object.assign(answers, { trustedRootCA, npsServerNames });
  }
  return answers;
}
