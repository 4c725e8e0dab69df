import {
  firstChild,
  hasElementChildren,
  textOf,
  valueSpan,
  walkElements,
  type Span,
  type XmlElement,
  type XmlText,
} from '../../xml/xmlTree';
import type { ProfileDocument } from '../document';
import { typeWords } from '../hoverDocs';
import type { ElementDef } from '../schemaTypes';
import { eapConfigurationOf, holdsEscapedHostConfig } from '../eapConfig';
import { placeholderWording, variableTokens, type VariableToken } from '../placeholderText';
import { dummyThumbprint } from '../placeholderThumbprint';
import type { Finding } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * placeholder-value: a value that stands in for a real setting: an unfilled template or script
 * variable, wording for a human to replace, a made-up thumbprint, an EapHostConfig holding text.
 * Windows would take such a value literally, so a profile that passes every other check fails on
 * every device. Run-time content of the host (a `$variable` that PowerShell expands in a
 * double-quoted string) is never a placeholder: ProfileDocument.isRunTime says which text that is.
 * A finding supersedes the other rules' findings on the same value (one mistake, one finding).
 */
export const placeholderRules: RuleFamily = {
  family: 'placeholders',
  ids: ['placeholder-value'],
  check(ctx) {
    const configuration = eapConfigurationOf(ctx.doc.facts.eap);
    walkElements(ctx.root, (element) => {
      const def = ctx.defOf(element);
      if (!def) return;
      if (element === configuration) {
        checkEapConfiguration(ctx, element);
        return;
      }
      if (def.type === 'any') return; // CustomConfiguration: the plug-in's own format
      if (def.type === 'none' || hasElementChildren(element)) {
        checkContainerText(ctx, element);
        return;
      }
      const problem = judgeValue(ctx, element, {
        formatItems: true,
        secret: SECRETS.has(def.name),
        thumbprint: def.type === 'thumbprintList',
      });
      if (problem) report(ctx, element, problem, hintFor(def, element));
    });
  },
};

/** Secrets may hold `$` and braces of their own (a pre-shared key `Pa$$w0rd{1}`): only wording is judged there. */
const SECRETS = new Set(['L2tpPsk', 'Password']);

/** Where the EAP configuration names a certificate by its thumbprint (same format as TrustedRootCA). */
const THUMBPRINT_ELEMENTS = new Set(['TrustedRootCA', 'IssuerHash']);

interface Problem {
  /** Span in the document to report (a token, or the whole value). */
  span: Span;
  /** What it is and what Windows does with it (the first sentences of the message). */
  says: string;
}

interface ValueOptions {
  formatItems: boolean;
  secret: boolean;
  thumbprint: boolean;
}

/** The value of a leaf element, judged: a variable first, then wording, then (for thumbprints) made-up digits. */
function judgeValue(ctx: CheckContext, element: XmlElement, options: ValueOptions): Problem | undefined {
  const { doc } = ctx;
  const value = textOf(element).trim();
  // Numbers, addresses, prefixes and port ranges (most values of a long profile) hold nothing to find.
  if (!value || (!options.thumbprint && PLAIN.test(value))) return undefined;
  const { span, mapsOneToOne } = writtenValue(doc.text, element, value);
  const at = (start: number, end: number): Span => (mapsOneToOne ? { start: span.start + start, end: span.start + end } : span);

  let rest = value;
  if (!options.secret) {
    const tokens: VariableToken[] = [];
    for (const token of variableTokens(value, { formatItems: options.formatItems })) {
      if (doc.isRunTime(at(token.start, token.end))) {
        rest = mask(rest, token);
        continue;
      }
      tokens.push(token);
    }
    if (tokens.length) {
      const tokenSpan = tokens.length === 1 ? at(tokens[0].start, tokens[0].end) : span;
      return { span: tokenSpan, says: variableWords(doc, tokens) };
    }
  }
  // Run-time text is left out of the wording check too (`$yourDomain` is a variable, not "your").
  if (doc.origin?.runTime.length && mapsOneToOne) {
    for (let i = 0; i < value.length; i++)
      if (doc.isRunTime({ start: span.start + i, end: span.start + i + 1 })) rest = rest.slice(0, i) + '\u0000' + rest.slice(i + 1);
  }
  const wording = placeholderWording(rest);
  if (wording)
    return {
      span,
      says: `"${shorten(value)}" is not a real ${element.localName} value: ${wording.reason}. Windows would apply the text as it is written.`,
    };
  if (options.thumbprint && !doc.isRunTime(span)) {
    for (const part of value.split(/[,;]/)) {
      const dummy = dummyThumbprint(part);
      if (dummy)
        return {
          span,
          says: `"${shorten(part.trim())}" is not the thumbprint of a real certificate: ${dummy.why}. Windows compares certificates against this value and no certificate matches it.`,
        };
    }
  }
  return undefined;
}

/**
 * Where the value is written. A value in one text node without entities (the usual case, also
 * beside comments: `<A><!-- note --> value</A>`) maps character for character; otherwise the
 * whole value span stands for it.
 */
function writtenValue(text: string, element: XmlElement, value: string): { span: Span; mapsOneToOne: boolean } {
  const parts = element.children.filter((c) => (c.kind === 'text' || c.kind === 'cdata') && /\S/.test(c.value));
  if (parts.length === 1 && parts[0].kind === 'text') {
    const span = trimmed(text, parts[0]);
    if (text.slice(span.start, span.end) === value) return { span, mapsOneToOne: true };
  }
  return { span: valueSpan(element, text), mapsOneToOne: false };
}

const PLAIN = /^[\d.:/,;\s-]*$/;

/** Replaces a token's characters by NUL (no word, no letter), keeping offsets. */
function mask(text: string, token: VariableToken): string {
  return text.slice(0, token.start) + '\u0000'.repeat(token.end - token.start) + text.slice(token.end);
}

/** What the variables are and what becomes of them, for the quoting the profile was written in. */
function variableWords(doc: ProfileDocument, tokens: readonly VariableToken[]): string {
  const names = tokens.map((t) => `"${t.text}"`);
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const one = tokens.length === 1;
  const dollar = tokens.every((t) => t.dollar);
  const origin = doc.origin;
  if (!origin) {
    return (
      `${listed} ${one ? 'is a' : 'are'} ${dollar ? 'script variable' : 'template placeholder'}${one ? '' : 's'} that ${one ? 'was' : 'were'} never filled in: ` +
      `this file holds the ${one ? 'name' : 'names'}, not the value${one ? '' : 's'}, and Windows would receive the text as it is written.`
    );
  }
  if (dollar && (origin.quoting === 'single' || origin.quoting === 'single-here')) {
    return (
      `PowerShell does not expand variables in a single-quoted string ('…' or @'…'@): Windows receives the text ${listed} itself, not the value. ` +
      `Write the profile as a double-quoted here-string (@"…"@) to insert the value when the script runs, or write the real value here.`
    );
  }
  if (dollar) {
    return `The $ of ${listed} is escaped with a backtick, so PowerShell writes the text itself and Windows receives ${listed}, not a value.`;
  }
  return (
    `PowerShell leaves ${listed} as written (only -f fills numbered items such as {0}) and nothing in this script replaces ${one ? 'it' : 'them'}: ` +
    `Windows would receive the text as it is written.`
  );
}

/** Text between child elements (`{routes_xml}` where routes were to be generated): variables only; other stray text is invalid-value's. */
function checkContainerText(ctx: CheckContext, element: XmlElement): void {
  for (const child of element.children) {
    if (child.kind !== 'text' || !/\S/.test(child.value)) continue;
    const span = trimmed(ctx.doc.text, child);
    if (ctx.doc.text.slice(span.start, span.end) !== child.value.trim()) continue;
    const tokens = variableTokens(child.value.trim(), { formatItems: true }).filter((t) => {
      const at = { start: span.start + t.start, end: span.start + t.end };
      return !ctx.doc.isRunTime(at);
    });
    if (tokens.length === 0) continue;
    const says = variableWords(ctx.doc, tokens);
    ctx.report({
      ruleId: 'placeholder-value',
      span: tokens.length === 1 ? { start: span.start + tokens[0].start, end: span.start + tokens[0].end } : span,
      message: `${says} ${element.localName} holds child elements here, so the text does not belong to any setting: generate the elements it stands for, or remove it.`,
      supersedes: span,
    });
  }
}

/**
 * Eap/Configuration: its own text (a variable or wording where the EapHostConfig belongs), the
 * EapHostConfig holding text instead of EapMethod and Config, and the values inside the EAP XML.
 */
function checkEapConfiguration(ctx: CheckContext, configuration: XmlElement): void {
  const { doc } = ctx;
  const text = textOf(configuration);
  if (/\S/.test(text) && !holdsEscapedHostConfig(configuration) && !doc.holdsRunTime(configuration)) {
    const problem = judgeValue(ctx, configuration, { formatItems: true, secret: false, thumbprint: false });
    if (problem) {
      ctx.report({
        ruleId: 'placeholder-value',
        span: problem.span,
        message: `${problem.says} ${EAP_HINT}`,
        // The EAP configuration missing is this same mistake: eap-configuration-missing does not add a second finding.
        supersedes: { start: configuration.start, end: configuration.end },
      });
    }
  }
  walkElements(configuration, (element) => {
    if (element === configuration) return;
    if (element.localName === 'EapHostConfig') {
      checkHostConfigText(ctx, element);
      return;
    }
    if (hasElementChildren(element)) {
      checkContainerText(ctx, element);
      return;
    }
    const thumbprint = THUMBPRINT_ELEMENTS.has(element.localName);
    // ServerNames takes regular expressions, where {2} is a quantifier, not a format item.
    const problem = judgeValue(ctx, element, { formatItems: element.localName !== 'ServerNames', secret: false, thumbprint });
    if (problem) report(ctx, element, problem, EAP_VALUE_HINTS[element.localName] ?? 'Put the real value here.');
  });
}

const EAP_HINT =
  'Put the EapHostConfig of a working connection here: configure the connection once by hand and copy (Get-VpnConnection -Name "<name>").EapConfigXmlStream.InnerXml, as Microsoft\'s Always On VPN client tutorial does.';

/** `<EapHostConfig …>YOUR EAP HOST CONFIG</EapHostConfig>`: text where the method and its settings belong. */
function checkHostConfigText(ctx: CheckContext, host: XmlElement): void {
  const { doc } = ctx;
  const value = textOf(host).trim();
  if (!value || doc.holdsRunTime(host)) return;
  if (firstChild(host, 'EapMethod') || firstChild(host, 'Config')) {
    checkContainerText(ctx, host);
    return;
  }
  const problem = judgeValue(ctx, host, { formatItems: true, secret: false, thumbprint: false });
  ctx.report({
    ruleId: 'placeholder-value',
    span: problem?.span ?? valueSpan(host, doc.text),
    message:
      `EapHostConfig holds the text "${shorten(value)}" instead of the EapMethod and Config elements that describe the EAP method, so Windows has no EAP settings to authenticate with. ` +
      EAP_HINT,
    supersedes: contentSpan(host),
  });
}

const EAP_VALUE_HINTS: Record<string, string> = {
  TrustedRootCA:
    "Put the SHA-1 thumbprint of the root CA that issued the NPS server certificate here (40 hexadecimal digits, as the certificate's Details tab or certutil shows it); otherwise the client trusts no server and every sign-in fails server validation.",
  IssuerHash:
    "Put the SHA-1 thumbprint of the CA that issues the users' certificates here (40 hexadecimal digits); otherwise no certificate passes the filter and the client has none to sign in with.",
  ServerNames: 'Put the name of the NPS server as its certificate shows it here (several are separated by ";").',
};

/** What belongs in an element of the model, for the message. */
function hintFor(def: ElementDef, element: XmlElement): string {
  if (def.type === 'thumbprintList') {
    return element.parent?.localName === 'Sso'
      ? 'Put the SHA-1 thumbprint of the CA that issues the certificates used for single sign-on here (40 hexadecimal digits).'
      : 'Put the real SHA-1 thumbprint here (40 hexadecimal digits).';
  }
  return def.type === 'string' ? `Put the real ${def.name} here.` : `Put the real ${def.name} here: ${typeWords(def).replace(/`/g, '')}.`;
}

function report(ctx: CheckContext, element: XmlElement, problem: Problem, hint: string): void {
  const finding: Finding = {
    ruleId: 'placeholder-value',
    span: problem.span,
    message: `${problem.says} ${hint}`,
    supersedes: contentSpan(element),
  };
  ctx.report(finding);
}

/** Between the start tag and the end tag (or the end of an unclosed element). */
function contentSpan(element: XmlElement): Span {
  return { start: element.startTagEnd, end: element.endTag ? element.endTag.start : element.end };
}

function trimmed(text: string, node: XmlText): Span {
  let start = node.start;
  let end = node.end;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function shorten(text: string): string {
  return text.length > 50 ? `${text.slice(0, 50)}…` : text;
}
