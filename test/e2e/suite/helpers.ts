// What every end-to-end suite needs: the extension activated, documents opened, and waits that
// end on an event (diagnostics published, settings applied) with a deadline instead of a sleep.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'aovpn-tools.aovpn-profilexml';
export const SOURCE = 'profilexml';
/** Long enough for a cold language server on a slow CI machine, short enough to fail clearly. */
const WAIT_MS = 30_000;

/** Activates the extension under test (it normally activates on the first XML document). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  await extension.activate();
  return extension;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was not opened on the examples workspace');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function workspaceText(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relativePath)));
}

/** Opens a file of the examples workspace in an editor. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** An untitled document, as if typed or pasted into a new editor. */
export async function openUntitled(content: string, language = 'xml'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
}

export function profileDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics.map((d) => `${d.source}/${codeOf(d)} at ${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ');
}

/** How many diagnostics publications (empty ones included) each URI has had since the suites loaded. */
const publications = new Map<string, number>();
// Registered when the suites load, before any test opens a document; lives as long as the run.
vscode.languages.onDidChangeDiagnostics((event) => {
  for (const uri of event.uris) publications.set(uri.toString(), (publications.get(uri.toString()) ?? 0) + 1);
});

/**
 * Resolves with the document's diagnostics once `accept` holds for them, re-checking on every
 * `onDidChangeDiagnostics` for that URI; fails after the deadline with what was there. Only
 * publications after the first `after` ones count (so an empty list published before the
 * server saw the document is not taken for "clean").
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  after = 0,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const ready = (): boolean => (publications.get(key) ?? 0) > after;
    const check = (): void => {
      if (!ready()) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      finish();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      finish();
      const state = ready()
        ? `diagnostics were: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`
        : 'the language server published nothing for it';
      reject(new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what} in ${uri.toString(true)}; ${state}`));
    }, WAIT_MS);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/**
 * Opens a workspace file and waits for the language server's first publication for it, which
 * proves the server has validated it (a clean document gets an empty list).
 */
export async function openAndValidate(relativePath: string): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const uri = workspaceUri(relativePath);
  const key = uri.toString();
  const alreadyOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  const before = alreadyOpen ? 0 : (publications.get(key) ?? 0);
  const editor = await openWorkspaceFile(relativePath);
  const diagnostics = await waitForDiagnostics(uri, () => true, 'the language server to validate the document', before);
  return { editor, diagnostics };
}

/** Waits until the server has published for the document and a diagnostic with `code` is there. */
export async function waitForCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(
    uri,
    (all) => all.some((d) => d.source === SOURCE && codeOf(d) === code),
    `a ${code} diagnostic`,
  );
  return diagnostics.find((d) => d.source === SOURCE && codeOf(d) === code)!;
}

/** Waits until the server has published for the document and no diagnostic with `code` is left. */
export function waitForNoCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (all) => !all.some((d) => d.source === SOURCE && codeOf(d) === code), `${code} to disappear`);
}

/** The code actions VS Code offers at the diagnostic, as the light bulb would ask for them. */
export async function quickFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies the quick fix whose title contains `title`, as choosing it from the light bulb does. */
export async function applyQuickFix(uri: vscode.Uri, range: vscode.Range, title: string): Promise<vscode.CodeAction> {
  const actions = await quickFixesAt(uri, range);
  const action = actions.find((a) => a.title.includes(title));
  assert.ok(action, `no quick fix "${title}" among: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
  assert.ok(action.edit, `quick fix "${action.title}" has no edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `VS Code refused the edit of "${action.title}"`);
  return action;
}

/** The position just after the first occurrence of `marker` in the document. */
export function positionAfter(document: vscode.TextDocument, marker: string): vscode.Position {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `"${marker}" not found in ${document.uri.toString(true)}`);
  return document.positionAt(offset + marker.length);
}

/** The position inside the first occurrence of `marker` (`delta` characters into it). */
export function positionIn(document: vscode.TextDocument, marker: string, delta = 1): vscode.Position {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `"${marker}" not found in ${document.uri.toString(true)}`);
  return document.positionAt(offset + delta);
}

/**
 * Whether a test could have edited the document: untitled ones and workspace files, but not the
 * settings files, which VS Code's configuration service edits and saves by itself (it writes the
 * user settings.json at moments of its own choosing, e.g. when it migrates a setting, and
 * showing that file while it does so fails with "another editor opened in the meantime").
 */
function editedByTests(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === 'untitled') return true;
  if (vscode.workspace.getWorkspaceFolder(document.uri) === undefined) return false;
  return !/[\\/]\.vscode[\\/]/.test(document.uri.path);
}

/**
 * Closes every editor without saving: edited examples are reverted and untitled documents
 * discarded, so no "Save changes?" dialog can block the run and the next suite starts clean.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || !editedByTests(document)) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets an `aovpn` setting in the workspace and returns a function that removes it again. */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const configuration = vscode.workspace.getConfiguration('aovpn');
  await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('aovpn').update(key, undefined, vscode.ConfigurationTarget.Workspace);
  };
}

export function markdownOf(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return content.value;
}

/** How many diagnostics publications the URI has had so far (for waitForDiagnostics' `after`). */
export function publicationCount(uri: vscode.Uri): number {
  return publications.get(uri.toString()) ?? 0;
}

/** Polls `check` until it returns a value other than undefined; for state no event reports (files, processes). */
export async function pollUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = WAIT_MS,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
