import type { ClientPolicyFact, FileFacts, ServerPolicyFact } from '../workspace/facts';
import { differences, distinctServerPolicies } from '../workspace/policy';
import { documentLabel } from './labels';
import type { Span } from '../xml/xmlTree';

/**
 * Code lenses that tie both sides of the IPsec policy together (the comparison
 * ipsec-policy-mismatch makes, workspace/policy.ts): above a CryptographySuite (standalone or
 * embedded in a script) and above `Set-VpnServerConfiguration -CustomPolicy`, say whether the
 * other side of the workspace matches, and go there on a click, or offer to create the other side
 * when there is none. Pure: facts in, lens descriptions out (commands and positions are made by
 * the language service).
 */

/** A place in a file of the workspace. */
export interface PolicyPlace {
  uri: string;
  span: Span;
}

export type PolicyLens =
  /** Jump to one or more places (the other side). */
  | { span: Span; title: string; kind: 'show'; targets: PolicyPlace[] }
  /** Nothing on the other side: offer to create it from this side. */
  | { span: Span; title: string; kind: 'create-server-policy' | 'create-suite' };

const MAX_LISTED = 2;

interface Side<T> {
  file: FileFacts;
  fact: T;
}

/** Lenses for the policies of `self` (its current text), against every indexed file (self included). */
export function policyLenses(self: FileFacts, files: readonly FileFacts[]): PolicyLens[] {
  const all = [...files.filter((f) => f.uri !== self.uri), self].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const lenses: PolicyLens[] = [];
  const servers: Side<ServerPolicyFact>[] = distinctServerPolicies(all).map(({ file, policy }) => ({ file, fact: policy }));
  for (const client of self.clients) {
    if (!isSuite(client)) continue;
    lenses.push(suiteLens(client, servers));
  }
  const suites = all.flatMap((file) => file.clients.filter(isSuite).map((fact) => ({ file, fact })));
  for (const policy of self.serverPolicies) {
    const lens = serverLens(policy, suites);
    if (lens) lenses.push(lens);
  }
  return lenses.sort((a, b) => a.span.start - b.span.start);
}

/** A profile's CryptographySuite (a profile client with a suite of its own). */
function isSuite(client: ClientPolicyFact): boolean {
  return client.kind === 'profile' && client.values !== undefined;
}

function suiteLens(client: ClientPolicyFact, servers: readonly Side<ServerPolicyFact>[]): PolicyLens {
  const span = client.span;
  if (servers.length === 0) return { span, title: 'No server policy in the workspace — create one', kind: 'create-server-policy' };
  const matching = servers.filter((s) => differences(client.values!, s.fact.values).length === 0);
  if (matching.length > 0) {
    return {
      span,
      title: `Matches server policy in ${listed(matching.map((s) => s.file.uri))}`,
      kind: 'show',
      targets: matching.map((s) => ({ uri: s.file.uri, span: s.fact.span })),
    };
  }
  // The closest policy (fewest differences; the first on a tie), as ipsec-policy-mismatch compares.
  let closest = servers[0];
  let diffs = differences(client.values!, closest.fact.values);
  for (const s of servers.slice(1)) {
    const d = differences(client.values!, s.fact.values);
    if (d.length < diffs.length) [closest, diffs] = [s, d];
  }
  return {
    span,
    title: `Differs from server policy in ${documentLabel(closest.file.uri)} (${diffs.map((d) => d.element).join(', ')})`,
    kind: 'show',
    targets: [{ uri: closest.file.uri, span: closest.fact.span }],
  };
}

function serverLens(policy: ServerPolicyFact, suites: readonly Side<ClientPolicyFact>[]): PolicyLens | undefined {
  const span = policy.span;
  if (Object.keys(policy.values).length === 0) return undefined; // every value computed at run time: nothing to compare
  if (suites.length === 0) return { span, title: 'No CryptographySuite in the workspace — create one', kind: 'create-suite' };
  const matching = suites.filter((s) => differences(s.fact.values!, policy.values).length === 0);
  const differing = suites.filter((s) => !matching.includes(s));
  const place = (s: Side<ClientPolicyFact>): PolicyPlace => ({ uri: s.file.uri, span: s.fact.span });
  if (differing.length === 0) {
    return {
      span,
      title: `Matches CryptographySuite in ${listed(matching.map((s) => s.file.uri))}`,
      kind: 'show',
      targets: matching.map(place),
    };
  }
  const elements = [...new Set(differing.flatMap((s) => differences(s.fact.values!, policy.values).map((d) => d.element)))];
  const matches = matching.length ? `; matches ${matching.length}` : '';
  return {
    span,
    title: `Differs from CryptographySuite in ${listed(differing.map((s) => s.file.uri))} (${elements.join(', ')})${matches}`,
    kind: 'show',
    targets: [...differing, ...matching].map(place),
  };
}

/** "client.xml", "a.xml, b.xml", or "a.xml, b.xml and 3 more" (each file once). */
function listed(uris: readonly string[]): string {
  const names = [...new Set(uris)].map(documentLabel);
  if (names.length <= MAX_LISTED) return names.join(', ');
  return `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more`;
}
