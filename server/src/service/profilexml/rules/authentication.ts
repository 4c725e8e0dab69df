import { firstChild, textOf, valueSpan, walkElements, type XmlElement } from '../../xml/xmlTree';
import { insertChild, replaceValue } from '../edits';
import { replaceAttributeValue, replaceCharacters } from '../authEdits';
import { findStrayCharacters, type StrayKind } from '../authStrayCharacters';
import {
  descendantsNamed,
  EAP_SKELETON,
  eapConfigurationOf,
  holdsEscapedHostConfig,
  hostConfigOf,
  isThumbprint,
  outerMethodOf,
  wrapTemplate,
} from '../eapConfig';
import { checkEapNamespace } from '../eapNamespaces';
import type { Fix } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';
import { thumbprintProblem, withoutInvisibleCharacters } from '../thumbprints';

/**
 * Authentication and the EAP configuration (sources: Microsoft's VPNv2 CSP and EAP configuration
 * pages, the Win32 EapTlsConnectionPropertiesV1 schema, profiles from the field). The
 * EapHostConfig is matched by local name (its elements carry default or prefixed namespaces);
 * when Configuration holds it entity-escaped, as the standalone CSP node format does, it is
 * text to us: accepted as present, not looked into.
 */
export const authenticationRules: RuleFamily = {
  family: 'authentication',
  ids: [
    'unsupported-auth-method',
    'eap-configuration-missing',
    'eap-server-validation-off',
    'invalid-thumbprint',
    'eap-namespace',
    'stray-characters',
  ],
  check(ctx) {
    checkUserMethod(ctx);
    checkEapConfiguration(ctx);
    const configuration = eapConfigurationOf(ctx.doc.facts.eap);
    if (configuration) {
      checkNamespaces(ctx, configuration);
      checkThumbprints(ctx, configuration);
      const host = hostConfigOf(configuration);
      if (host) checkServerValidation(ctx, host);
    }
    checkStrayCharacters(ctx);
  },
};

const isEap = (value: string | undefined): boolean => value?.toLowerCase() === 'eap';

/**
 * MSChapv2 as UserMethod is not supported with IKEv2 (Microsoft's VPNv2 CSP page). Only the
 * explicit IKEv2 protocol is reported: Automatic may settle on another protocol. A MachineMethod
 * beside a user method, or with SSTP, is deliberate for Intune on Windows 11 and never reported.
 */
function checkUserMethod(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const user = facts.userMethod;
  if (!user || user.value.toLowerCase() !== 'mschapv2' || facts.protocol !== 'IKEv2') return;
  ctx.report({
    ruleId: 'unsupported-auth-method',
    span: valueSpan(user.element, ctx.doc.text),
    message:
      'UserMethod MSChapv2 is not supported with IKEv2: Windows cannot sign the user in this way over an IKEv2 tunnel. ' +
      'Use EAP (UserMethod EAP with an EapHostConfig, for example PEAP with EAP-TLS or EAP-MSCHAPv2 inside), or a protocol that takes MSChapv2 such as SSTP.',
  });
}

/** An EAP method needs its EapHostConfig (Microsoft's VPNv2 CSP and EAP configuration pages). */
function checkEapConfiguration(ctx: CheckContext): void {
  const { facts, text } = ctx.doc;
  const method = [facts.userMethod, facts.machineMethod].find((m) => isEap(m?.value));
  if (!method || !facts.authentication) return;
  const eap = facts.eap;
  const configuration = eapConfigurationOf(eap);
  if (configuration && (hostConfigOf(configuration) || holdsEscapedHostConfig(configuration))) return;
  // `<Configuration>$($EAPSettings)</Configuration>` in a double-quoted PowerShell string: the
  // script inserts the EapHostConfig when it runs (Microsoft's Always On VPN client tutorial does this).
  const filledAtRunTime = configuration ?? eap ?? facts.authentication;
  if (ctx.doc.holdsRunTime(filledAtRunTime)) return;
  // A Configuration written straight under Authentication is misplaced-element's finding; adding a second one would not help.
  if (!eap && firstChild(facts.authentication, 'Configuration')) return;

  const methodName = method.element.localName;
  let fix: Fix;
  const title = 'Insert a PEAP / EAP-TLS EapHostConfig skeleton (then fill in the root CA thumbprint and NPS server name)';
  if (configuration) {
    fix = { title, edits: [insertChild(ctx.doc, configuration, 'EapHostConfig', EAP_SKELETON, ['EapHostConfig'])], preferred: true };
  } else if (eap) {
    fix = {
      title,
      edits: [insertChild(ctx.doc, eap, 'Configuration', wrapTemplate('Configuration', EAP_SKELETON), ['Configuration'])],
      preferred: true,
    };
  } else {
    const order = (ctx.schema.byPath.get('VPNProfile/NativeProfile/Authentication')?.children ?? []).map((c) => c.name);
    const template = wrapTemplate('Eap', wrapTemplate('Configuration', EAP_SKELETON));
    fix = { title, edits: [insertChild(ctx.doc, facts.authentication, 'Eap', template, order)], preferred: true };
  }
  const where = configuration
    ? 'Eap/Configuration holds no EapHostConfig'
    : eap
      ? 'Eap has no Configuration'
      : 'there is no Eap/Configuration';
  ctx.report({
    ruleId: 'eap-configuration-missing',
    span: configuration ? configuration.nameSpan : valueSpan(method.element, text),
    message:
      `${methodName} is EAP but ${where}, so Windows has no EAP method settings and cannot authenticate (a template placeholder is not deployable). ` +
      'Paste the EapHostConfig exported from a working connection, or start from the skeleton and fill in your root CA thumbprint and NPS server name.',
    fixes: [fix],
  });
}

/** Namespace URIs must be exactly the ones Windows knows (MicrosoftDocs/windowsserverdocs pull request 4329; Microsoft's EAP configuration page). */
function checkNamespaces(ctx: CheckContext, configuration: XmlElement): void {
  walkElements(configuration, (element) => {
    for (const attribute of element.attributes) {
      if (!attribute.valueSpan || !(attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:'))) continue;
      const prefix = attribute.name === 'xmlns' ? undefined : attribute.name.slice(6);
      const localNames = prefix ? elementsWithPrefix(element, prefix) : [element.localName];
      const problem = checkEapNamespace(attribute.value, localNames);
      if (!problem) continue;
      ctx.report({
        ruleId: 'eap-namespace',
        span: attribute.valueSpan,
        message:
          `Windows does not recognise this EAP namespace: ${problem.reasons.join('; ')}. Windows matches these URIs character for character, so the EAP configuration fails to load on the device ` +
          `(Intune or the MDM bridge reports only a generic error) although XML checkers find nothing wrong. Use ${problem.suggestion}.`,
        fixes: [
          {
            title: `Use ${problem.suggestion}`,
            edits: [replaceAttributeValue({ ...attribute, valueSpan: attribute.valueSpan }, problem.suggestion)],
            preferred: true,
          },
        ],
      });
    }
  });
}

/** Local names of the elements (the declaring one and below) that use `prefix:`. */
function elementsWithPrefix(declaring: XmlElement, prefix: string): string[] {
  const names: string[] = [];
  walkElements(declaring, (e) => {
    if (e.name.startsWith(`${prefix}:`)) names.push(e.localName);
  });
  return names;
}

/** Root CA and issuer thumbprints in the EAP configuration: SHA-1, 20 bytes (Win32 EapTlsConnectionPropertiesV1 schema, ServerValidationParameters). */
function checkThumbprints(ctx: CheckContext, configuration: XmlElement): void {
  // DeviceCompliance/Sso/IssuerHash is outside Configuration and checked by values.ts.
  for (const element of descendantsNamed(configuration, ['TrustedRootCA', 'IssuerHash'])) {
    const value = textOf(element).trim();
    // Empty is valid hexBinary and means "no CA": eap-server-validation-off speaks about that.
    if (!value || isThumbprint(value)) continue;
    const cleaned = withoutInvisibleCharacters(value);
    const fixable = cleaned !== value && isThumbprint(cleaned);
    ctx.report({
      ruleId: 'invalid-thumbprint',
      span: valueSpan(element, ctx.doc.text),
      message: `${element.localName} must be the SHA-1 thumbprint of the ${element.localName === 'TrustedRootCA' ? 'root CA that issued the NPS server certificate' : 'issuing CA'}: 40 hexadecimal digits, optionally as byte pairs separated by single spaces (as Windows exports them). ${thumbprintProblem(value)} Windows cannot match a certificate against it.`,
      fixes: fixable
        ? [{ title: 'Remove the invisible characters', edits: [replaceValue(ctx.doc, element, cleaned)], preferred: true }]
        : [],
    });
  }
}

/**
 * The outer TLS-based method must validate the server: PerformServerValidation not false, and a
 * trusted root CA or server names ([MS-GPWL] ServerValidationParameters; the Win32 EapTlsConnectionPropertiesV1
 * schema). Inner methods inside PEAP are
 * protected by the outer tunnel and not checked.
 */
function checkServerValidation(ctx: CheckContext, host: XmlElement): void {
  const outer = outerMethodOf(host);
  if (!outer.validatesServer || !outer.settings) return;
  const settings = outer.settings;
  const perform =
    firstChild(settings, 'PerformServerValidation') ?? firstChild(firstChild(settings, 'PeapExtensions'), 'PerformServerValidation');
  if (perform && textOf(perform).trim().toLowerCase() === 'false') {
    ctx.report({
      ruleId: 'eap-server-validation-off',
      span: valueSpan(perform, ctx.doc.text),
      message:
        "PerformServerValidation is false: the client does not check the NPS server's certificate, so a rogue server can pose as yours and collect the sign-in. " +
        'Set it to true and name the trusted root CA (TrustedRootCA) and the NPS server (ServerNames).',
    });
    return;
  }
  const validation = firstChild(settings, 'ServerValidation');
  const nonBlank = (names: string[]): boolean =>
    !!validation &&
    names.some((n) => [...validation.children].some((c) => c.kind === 'element' && c.localName === n && textOf(c).trim() !== ''));
  if (nonBlank(['TrustedRootCA', 'TrustedRootCAHash']) || nonBlank(['ServerNames'])) return;
  // The validation settings are inserted when the script runs (`<ServerValidation>$Validation</ServerValidation>`).
  if (ctx.doc.holdsRunTime(settings) || (validation && ctx.doc.holdsRunTime(validation))) return;
  ctx.report({
    ruleId: 'eap-server-validation-off',
    span: validation ? validation.nameSpan : host.nameSpan,
    message:
      'The EAP configuration names neither a trusted root CA (TrustedRootCA) nor the NPS server (ServerNames), so the client has nothing to validate the server against: ' +
      'it either prompts users to trust whatever certificate it is shown or accepts any server with a certificate from a trusted CA. Add the root CA thumbprint and the NPS server name.',
  });
}

const KIND_TEXT: Record<StrayKind, string> = {
  'non-breaking space': 'a non-breaking space, which looks like a space but is a different character',
  'zero-width character': 'an invisible zero-width character',
  'typographic quote': 'a typographic (curly) quote instead of a plain one',
  'double-escaped entity': 'HTML escaped twice (&amp;lt; and the like), so Windows would read the entity text instead of the character',
};

/** Characters that survive XML but break MDM or Intune deployment (user reports, see authStrayCharacters.ts). */
function checkStrayCharacters(ctx: CheckContext): void {
  for (const { run, where } of findStrayCharacters(ctx.doc.text, ctx.root)) {
    const codes = run.codes.filter((c) => c.startsWith('U+'));
    const what = run.kinds.map((k) => KIND_TEXT[k]).join(', and ');
    ctx.report({
      ruleId: 'stray-characters',
      span: { start: run.start, end: run.end },
      message:
        `${capitalize(where)} contains ${what}${codes.length ? ` (${codes.join(', ')})` : ''}. This usually comes from copying the profile out of a web page, Word or a chat. ` +
        'XML accepts it, but Windows compares values character for character, and Intune or the MDM bridge can fail with a generic error. Replace it with plain characters.',
      fixes: [
        {
          title: run.replacement ? `Replace with "${run.replacement}"` : 'Remove the invisible characters',
          edits: [replaceCharacters(run, run.replacement)],
          preferred: true,
        },
      ],
    });
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
