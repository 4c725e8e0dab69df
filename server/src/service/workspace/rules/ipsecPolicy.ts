import type { Fix } from '../../core/findings';
import type { Span } from '../../xml/xmlTree';
import type { ClientPolicyFact, XmlSuppression } from '../facts';
import { isDocumentedValue, normaliseValue, spell, type SuiteElement } from '../../core/spelling';
import { eitherSuppressed } from '../../suppression';
import { alignEdits } from '../align';
import {
  CLIENT_DEFAULT_DH_GROUP,
  differences,
  distinctServerPolicies,
  isIkeElement,
  type Difference,
  type ServerPolicyAt,
} from '../policy';
import { fileLabel, listPlaces, whereIs } from '../places';
import type { ElsewhereSpan, WorkspaceCheckContext, WorkspaceRuleFamily } from './ruleTypes';

/**
 * ipsec-policy-mismatch (Richard Hicks, "Always On VPN IKEv2 Policy Mismatch Error"): the client's IPsec policy must
 * equal the RRAS server's custom policy, or IKEv2 finds no common proposal (error 13868).
 *
 * - Reported on the client side only (the server is the reference the clients align to).
 * - Values are compared after mapping the PowerShell and ProfileXML spellings (policy.ts), and
 *   only where both sides give a literal value: omitted and computed values are unknown, not
 *   different (ps-partial-custom-policy and incomplete-crypto-suite speak about omissions).
 * - A client with no custom policy offers Windows' built-in proposals, all with DH group 2
 *   (Richard Hicks, "Always On VPN IKEv2 Security Configuration"): it fails against a server policy whose DHGroup is anything
 *   else. A server policy with DH group 2, or without a DHGroup, might accept them: not reported.
 * - Several different server policies in the workspace (two servers, or a script with a
 *   "baseline" and an "enhanced" branch): a client that matches any of them is fine. A client
 *   that matches none is reported once, against the closest policy (fewest differences; the
 *   first in URI and text order on a tie), saying so, with every server policy as related
 *   information; the fix aligns it with that closest policy.
 */
/** Where a user reads about the error (the article, not an internal id). */
const HICKS_MISMATCH = 'Richard Hicks, "Always On VPN IKEv2 Policy Mismatch Error"';

export const ipsecPolicyRules: WorkspaceRuleFamily = {
  family: 'workspace',
  ids: ['ipsec-policy-mismatch'],
  check(ctx) {
    const servers = distinctServerPolicies(ctx.workspace.withServerPolicies);
    if (servers.length === 0) return;
    const cmdletNames = ctx.workspace.withIpsecCmdlets.flatMap((f) =>
      f.clients.filter((c) => c.kind === 'ipsec-cmdlet').map((c) => c.connectionName),
    );
    for (const client of ctx.self.clients) {
      if (client.kind === 'add-connection' && hasOwnPolicy(client, cmdletNames)) continue;
      if (client.values) checkCustom(ctx, client, servers);
      else checkDefault(ctx, client, servers);
    }
  },
};

/** An Add-VpnConnection that some Set-VpnConnectionIPsecConfiguration of the workspace (maybe) configures. */
function hasOwnPolicy(client: ClientPolicyFact, cmdletNames: readonly (string | null | undefined)[]): boolean {
  if (client.connectionName === null || client.connectionName === undefined) return true; // cannot tell which connection it is
  const name = client.connectionName.toLowerCase();
  return cmdletNames.some((n) => n === null || n === undefined || n.toLowerCase() === name);
}

function checkCustom(ctx: WorkspaceCheckContext, client: ClientPolicyFact, servers: readonly ServerPolicyAt[]): void {
  let closest: { server: ServerPolicyAt; diffs: Difference[] } | undefined;
  for (const server of servers) {
    const diffs = differences(client.values!, server.policy.values);
    if (diffs.length === 0) return; // matches this server policy (as far as the values are known)
    if (!closest || diffs.length < closest.diffs.length) closest = { server, diffs };
  }
  if (!closest) return;
  const { server, diffs } = closest;
  const listed = diffs
    .map(
      (d) =>
        `${d.element} is ${spell(d.element, d.client, client.spelling)} here but ${spell(d.element, d.server, client.spelling)} on the server`,
    )
    .join('; ');
  const consequence = diffs.some((d) => isIkeElement(d.element))
    ? 'The IKE security association cannot be negotiated'
    : diffs.some((d) => d.element !== 'PfsGroup')
      ? 'The IKE security association comes up, but the first ESP (Child) security association is refused'
      : 'Only the PFS group differs: the connection may come up and fail when the ESP security association is rekeyed (Microsoft does not document how Windows behaves then)';
  const subject = client.kind === 'profile' ? "This profile's CryptographySuite" : 'This Set-VpnConnectionIPsecConfiguration policy';
  const place = where(client, diffs);
  ctx.report({
    ruleId: 'ipsec-policy-mismatch',
    source: client.source,
    span: place.span,
    message:
      `${subject} differs from the VPN server's custom IPsec policy (${serverName(server)} in ${whereIs(ctx, server.file, server.policy.span)}): ${listed}. ` +
      `${consequence}, and Windows fails with error 13868 (ERROR_IPSEC_IKE_POLICY_MATCH, RasClient event 20227; ${HICKS_MISMATCH}).${several(ctx, servers, server)} ` +
      "Give the client exactly the server's values (or change both sides to the same six values).",
    fixes: alignFix(client, server),
    elsewhere: related(servers, server),
    xmlSuppressed: place.xmlSuppressed,
    alsoSuppressedAt: place.span === client.span ? undefined : [client.span],
  });
}

/**
 * Where a mismatch is shown. One differing value: that value (the element's text in a profile,
 * the cmdlet's argument in a script), which is what has to change. Several: the suite as a whole
 * (`CryptographySuite`'s name, the command's name), a short range on the line that introduces
 * them rather than a squiggle over many lines; the message lists every difference and the fix
 * changes them all. Suppression comments at the suite (or above the command) keep working when
 * the range narrows to a value.
 */
function where(client: ClientPolicyFact, diffs: readonly Difference[]): { span: Span; xmlSuppressed?: XmlSuppression } {
  const element = diffs.length === 1 ? diffs[0].element : undefined;
  const span = element && client.valueSpans[element];
  if (!element || !span) return { span: client.span, xmlSuppressed: client.xmlSuppressed };
  const atValue = client.valueXmlSuppressed;
  const atSuite = client.xmlSuppressed;
  return { span, xmlSuppressed: eitherSuppressed(atSuite, atValue?.[element]) };
}

function checkDefault(ctx: WorkspaceCheckContext, client: ClientPolicyFact, servers: readonly ServerPolicyAt[]): void {
  // Any server policy that might accept the built-in proposals (DH group 2, or DHGroup unknown) leaves the question open.
  const dhOf = (s: ServerPolicyAt): string | undefined => s.policy.values.DHGroup;
  if (servers.some((s) => dhOf(s) === undefined || normaliseValue('DHGroup', dhOf(s)!) === CLIENT_DEFAULT_DH_GROUP)) return;
  const server = servers[0];
  const dh = spell('DHGroup', dhOf(server)!, client.spelling);
  const subject =
    client.kind === 'profile'
      ? 'This profile can use IKEv2 but has no CryptographySuite'
      : 'This connection can use IKEv2 and no Set-VpnConnectionIPsecConfiguration in the workspace gives it a custom IPsec policy';
  const remedy =
    client.kind === 'profile'
      ? "Add a CryptographySuite with the server's values."
      : "Run Set-VpnConnectionIPsecConfiguration with the server's six values after creating the connection.";
  ctx.report({
    ruleId: 'ipsec-policy-mismatch',
    source: client.source,
    span: client.span,
    message:
      `${subject}, so Windows offers only its built-in IKEv2 proposals, which all use Diffie-Hellman group 2. ` +
      `The VPN server's custom IPsec policy (${serverName(server)} in ${whereIs(ctx, server.file, server.policy.span)}) requires DHGroup ${dh}, so no proposal matches and the connection fails with error 13868 ` +
      `(ERROR_IPSEC_IKE_POLICY_MATCH, RasClient event 20227; ${HICKS_MISMATCH}).${several(ctx, servers, server)} ${remedy}`,
    fixes: alignFix(client, server),
    elsewhere: related(servers, server),
    xmlSuppressed: client.xmlSuppressed,
  });
}

function serverName(server: ServerPolicyAt): string {
  const { text } = server.file;
  return text.slice(server.policy.span.start, server.policy.span.end) || 'Set-VpnServerConfiguration';
}

/** The note for workspaces with several different server policies. */
function several(ctx: WorkspaceCheckContext, servers: readonly ServerPolicyAt[], compared: ServerPolicyAt): string {
  if (servers.length < 2) return '';
  const places = listPlaces(servers, (s) => whereIs(ctx, s.file, s.policy.span));
  return ` The workspace sets ${servers.length} different server policies (${places}) and this client matches none of them; the values above compare it with the closest one (${whereIs(ctx, compared.file, compared.policy.span)}).`;
}

function related(servers: readonly ServerPolicyAt[], compared: ServerPolicyAt): ElsewhereSpan[] {
  const ordered = [compared, ...servers.filter((s) => s !== compared)];
  return ordered.map((s) => ({
    uri: s.file.uri,
    span: s.policy.span,
    message:
      s === compared
        ? "The VPN server's custom IPsec policy this client is compared with"
        : 'Another server custom IPsec policy in the workspace',
  }));
}

function alignFix(client: ClientPolicyFact, server: ServerPolicyAt): Fix[] | undefined {
  // Only documented values are copied: a server value that is itself wrong (reported there) must
  // not be written into the client, let alone text a broken quote swallowed (fix-all would copy it
  // again on every pass).
  const values = server.policy.values;
  if (Object.entries(values).some(([element, value]) => value !== undefined && !isDocumentedValue(element as SuiteElement, value)))
    return undefined;
  const edits = alignEdits(client, values);
  if (!edits?.length) return undefined;
  const from = fileLabel(server.file.uri);
  const title =
    client.kind === 'add-connection'
      ? `Add Set-VpnConnectionIPsecConfiguration with the server's policy (${from})`
      : client.values
        ? `Align the client IPsec policy with the server (${from})`
        : `Insert a CryptographySuite matching the server (${from})`;
  return [{ title, edits, preferred: true }];
}
