/**
 * Recognising text that stands in for a real value: variables of a template engine or script
 * that were never filled in, and wording written for a human to replace ("YOUR DNS SUFFIX",
 * "enter Domain", "PATH-TO-YOUR-VPN-SERVERS.TLD", Microsoft's sample `Helloworld.Com`). Pure
 * string functions; the rule (placeholders.ts) decides where they apply.
 *
 * Documentation domains (contoso.com, example.com, example.net, corp.example.net) are *not*
 * placeholders: working sample profiles (Richard Hicks' among them) use them as real-looking
 * values, and a profile built on them is complete, only not yours.
 */

/** A template or script variable found in a value, in offsets of the text searched. */
export interface VariableToken {
  start: number;
  end: number;
  text: string;
  /** `$name`, `${name}` and `$(…)` are PowerShell's (and other shells'); the rest are template syntax. */
  dollar: boolean;
}

const VARIABLE_PATTERNS: readonly RegExp[] = [
  // {{ name }} (Mustache, Jinja, Handlebars) before {name}, so the double braces stay one token.
  /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/g,
  // ${name}, $(expression) with one level of nested parentheses, $name and $scope:name.
  /(?<![\w$])\$\{[^{}\s]+\}/g,
  /(?<![\w$])\$\((?:[^()]|\([^()]*\))*\)/g,
  /(?<![\w$])\$[A-Za-z_]\w*(?::[A-Za-z_]\w*)?/g,
  // {name} (Python, Rust format!, .NET named templates, #{name}# token replacement).
  /(?<!\{)\{[A-Za-z_][\w.-]*\}(?!\})/g,
  // __NAME__ tokens that build pipelines replace.
  /(?<![A-Za-z0-9])__[A-Z][A-Z0-9_]*[A-Z0-9]__(?![A-Za-z0-9])/g,
];

/** A .NET / Python format item such as `{0}` or `{1,-10:N2}` (numbered, filled by position). */
const FORMAT_ITEM = /(?<!\{)\{\d+(?:\s*,\s*-?\d+)?(?::[^{}]*)?\}(?!\})/g;

const GUID = /^\{[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\}$/;

/**
 * Template and script variables in `text`, in text order, not overlapping. `formatItems` also
 * finds numbered items (`{0}`): off where braces with digits are regular-expression quantifiers
 * (EAP ServerNames accepts regular expressions such as `nps[0-9]{2}\.corp\.example\.com`).
 */
export function variableTokens(text: string, options: { formatItems: boolean }): VariableToken[] {
  if (!/[{$_]/.test(text)) return [];
  const found: VariableToken[] = [];
  const patterns = options.formatItems ? [...VARIABLE_PATTERNS, FORMAT_ITEM] : VARIABLE_PATTERNS;
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (GUID.test(m[0])) continue;
      if (found.some((t) => t.start < end && start < t.end)) continue;
      found.push({ start, end, text: m[0], dollar: m[0].startsWith('$') });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Wording that asks a human to put a value in, found in a value. */
export interface PlaceholderWording {
  /** Why the text is no real value, as the message says it (`"YOUR …" addresses the reader …`). */
  reason: string;
}

// Word edges: letters and digits on neither side (DNS labels, dashes, underscores and spaces all separate words).
const W = '(?<![A-Za-z0-9])';
const E = '(?![A-Za-z0-9])';

interface WordingRule {
  pattern: RegExp;
  reason: (match: string) => string;
}

const SAMPLE = (m: string): string => `"${m}" is sample text of documentation`;

const WORDING: readonly WordingRule[] = [
  // "YOUR DNS SUFFIX", ".YOUR-DOMAIN.TLD", "yourdomain.com": addressed to the reader, theirs to replace.
  { pattern: new RegExp(`${W}your${E}`, 'i'), reason: (m) => `"${m} …" addresses the reader, who is to put their own value here` },
  {
    pattern: new RegExp(
      `${W}your(?:company|domain|org|organi[sz]ation|server|servers|dns|vpn|tenant|ca|nps|fqdn|host|hostname|site|corp|suffix|network|gateway|proxy|thumbprint)${E}`,
      'i',
    ),
    reason: (m) => `"${m}" addresses the reader, who is to put their own value here`,
  },
  // "enter Domain", "Enter DNS", "paste the EAP XML", "fill in the server" at the start of the value.
  {
    pattern: /^(?:enter|insert|paste|put|specify|provide|fill\s+in|replace\s+with)(?=\s+\S)/i,
    reason: (m) => `"${m} …" is an instruction to fill in a value`,
  },
  // "PATH-TO-YOUR-VPN-SERVERS.TLD", "path_to_wpad".
  { pattern: new RegExp(`${W}path[-_ ]to[-_ ]`, 'i'), reason: () => '"PATH-TO-…" describes the value instead of giving it' },
  // ".TLD" is no top-level domain: a name ending in it is a pattern for one.
  { pattern: /\.tld(?![A-Za-z0-9-])/i, reason: (m) => `"${m}" stands for a top-level domain and is not one` },
  // Sample text of documentation: Microsoft's VPNv2 examples put Helloworld.Com in Proxy/AutoConfigUrl
  // and "This is my issuer hash" in an IssuerHash.
  { pattern: new RegExp(`${W}hello[-_. ]?world${E}`, 'i'), reason: SAMPLE },
  { pattern: new RegExp(`${W}this\\s+is\\s+(?:my|a|an|the|your|our)${E}`, 'i'), reason: (m) => `"${m} …" is sample text of documentation` },
  { pattern: new RegExp(`${W}lorem\\s+ipsum${E}`, 'i'), reason: SAMPLE },
  // Markers left for a later edit.
  {
    pattern: new RegExp(`${W}(?:todo|tbd|fixme|changeme|change[-_ ]me|replace[-_ ]?me|placeholder|dummy|insert[-_ ]here)${E}`, 'i'),
    reason: (m) => `"${m}" marks a value still to be filled in`,
  },
  // "x.x.x.x" / "xx.xx.xx.xx" for an address. (A name with a label of x's is left alone: real
  // profiles published with a redacted gateway name, azuregateway-…-xxxxxxxxxxxx, are otherwise complete.)
  { pattern: /^x{1,3}(?:\.x{1,3}){3}(?:\/\d+)?$/i, reason: (m) => `"${m}" stands for an address` },
  // <server name> (written &lt;server name&gt; in the XML): markup characters never belong in a value.
  { pattern: /<[^<>]{1,80}>/, reason: (m) => `"${m}" names the value that belongs here` },
];

/** "here" as a word, in text with spaces only (here.com is a real domain): "thumbprint goes here". */
const HERE = new RegExp(`\\s.*${W}here${E}|${W}here${E}.*\\s`, 'i');

/** The first sign that `text` is wording for a human to replace, or undefined. */
export function placeholderWording(text: string): PlaceholderWording | undefined {
  for (const rule of WORDING) {
    const m = rule.pattern.exec(text);
    if (m) return { reason: rule.reason(m[0]) };
  }
  if (HERE.test(text)) return { reason: '"… here" asks for a value to be put here' };
  return undefined;
}
