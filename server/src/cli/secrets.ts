import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';

/** What a secret is shown as: always the same, so that not even its length is told. */
export const SECRET_MASK = '********';

/** The rules that find pre-shared keys, passwords and shared secrets written in clear text. */
const SECRET_RULES = ['cleartext-secret', 'ps-cleartext-secret'];

/**
 * Spans (offsets) of the secrets in a document, as the cleartext-secret rules find them, whatever
 * the user set those rules to: the linter never prints a secret, and a diff prints lines of the
 * file (--fix-dry-run).
 */
export function secretSpans(service: LanguageService, document: TextDocument, settings: Settings): { start: number; end: number }[] {
  const rules = { ...settings.rules, ...Object.fromEntries(SECRET_RULES.map((id) => [id, 'hint' as const])) };
  return service
    .validate(document, { ...settings, rules })
    .filter((d) => SECRET_RULES.includes(String(d.code)))
    .map((d) => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
}

/** The text with each secret replaced by SECRET_MASK (overlapping spans count once). */
export function maskSecrets(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.end <= at) continue;
    out += text.slice(at, Math.max(at, span.start)) + SECRET_MASK;
    at = span.end;
  }
  return out + text.slice(at);
}
