import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import type { RuleId } from '../../server/src/service/core/ruleIds';
import { nodeWasmSource } from '../../server/src/host/wasm';

/**
 * Test helpers that read like the rule catalogue: a document in, findings or fixed text out.
 * They drive the language service exactly as the server does (TextDocument + settings).
 */
export const service = createLanguageService({ wasm: nodeWasmSource() });

/** Loads the PowerShell grammar; await it (e.g. in `before`) in suites that use scripts. */
export const powerShellReady = service.preparePowerShell();

/** A PowerShell document (languageId powershell). */
export function script(text: string, uri = 'file:///test/script.ps1'): TextDocument {
  return TextDocument.create(uri, 'powershell', ++version, text);
}

let version = 0;
export function doc(text: string, uri = 'file:///test/profile.xml'): TextDocument {
  return TextDocument.create(uri, 'xml', ++version, text);
}

export interface Found {
  code: string;
  /** "line:col-line:col", zero-based, for compact assertions. */
  range: string;
  /** The text the range covers. */
  text: string;
  severity: number | undefined;
  message: string;
}

export function diagnose(text: string, settings?: Partial<Settings>): Found[] {
  const d = doc(text);
  return service.validate(d, settings).map((x) => toFound(d, x));
}

function toFound(d: TextDocument, x: Diagnostic): Found {
  return {
    code: String(x.code),
    range: `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`,
    text: d.getText(x.range),
    severity: x.severity,
    message: typeof x.message === 'string' ? x.message : x.message.value,
  };
}

/** Findings of one rule. */
export function findingsOf(text: string, ruleId: RuleId, settings?: Partial<Settings>): Found[] {
  return diagnose(text, settings).filter((f) => f.code === ruleId);
}

/** Codes of all findings, sorted, for "nothing else fired" assertions. */
export function codes(text: string, settings?: Partial<Settings>): string[] {
  return diagnose(text, settings)
    .map((f) => f.code)
    .sort();
}

/** Quick fixes offered for the first finding of `ruleId` (excluding "disable for this line"). */
export function quickFixes(text: string, ruleId: RuleId, settings?: Partial<Settings>): CodeAction[] {
  const d = doc(text);
  const diagnostic = service.validate(d, settings).find((x) => x.code === ruleId);
  if (!diagnostic) throw new Error(`no ${ruleId} finding to fix in:\n${text}`);
  return service
    .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, settings)
    .filter((a) => a.diagnostics?.some((x) => x.code === ruleId && sameRange(x, diagnostic)) && !a.title.startsWith('Disable '));
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return JSON.stringify(a.range) === JSON.stringify(b.range);
}

/** Applies the fix (by title substring, or the preferred one) for the first finding of `ruleId`. */
export function applyFix(text: string, ruleId: RuleId, title?: string, settings?: Partial<Settings>): string {
  const actions = quickFixes(text, ruleId, settings);
  const action = title ? actions.find((a) => a.title.includes(title)) : (actions.find((a) => a.isPreferred) ?? actions[0]);
  if (!action) throw new Error(`no fix${title ? ` "${title}"` : ''} for ${ruleId}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  const edits = action.edit?.changes?.[Object.keys(action.edit.changes)[0]] ?? [];
  return applyTextEdits(text, edits);
}

export function fixAll(text: string, settings?: Partial<Settings>): string {
  const d = doc(text);
  return applyTextEdits(text, service.fixAll(d, settings));
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'xml', 0, text), edits);
}

/** A small but complete, rule-clean user tunnel to derive test cases from. */
export const CLEAN_PROFILE = `<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DnsSuffix>corp.example.com</DnsSuffix>
  <TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>vpn.example.com;vpn.example.com</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES128</EncryptionMethod>
    </CryptographySuite>
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
  <Route>
    <Address>10.0.0.0</Address>
    <PrefixSize>8</PrefixSize>
  </Route>
</VPNProfile>
`;
