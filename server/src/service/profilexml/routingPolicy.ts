import { firstChild, textOf, type XmlElement } from '../xml/xmlTree';
import { isTrueish, type ProfileFacts } from './facts';

/**
 * The routing policy Windows applies to a native profile: an absent `RoutingPolicyType` means
 * force tunnel (Microsoft's "VPN routing decisions" page). Undefined for plug-in profiles (their server
 * decides) and for a value Windows does not know (invalid-value reports that one; guessing
 * here would stack a second finding on a typo).
 */
export type RoutingPolicy = 'split' | 'force';

export function routingPolicyOf(facts: ProfileFacts): RoutingPolicy | undefined {
  if (!facts.nativeProfile) return undefined;
  if (!facts.routingPolicyType) return 'force';
  const value = facts.routingPolicyType.value.toLowerCase();
  if (value === 'splittunnel') return 'split';
  if (value === 'forcetunnel') return 'force';
  return undefined;
}

/** How the policy came about, for messages: written, or implied by a missing RoutingPolicyType. */
export function forceTunnelReason(facts: ProfileFacts): string {
  return facts.routingPolicyType ? 'RoutingPolicyType is ForceTunnel' : 'NativeProfile has no RoutingPolicyType, which means force tunnel';
}

/** `NativeProfile/DisableClassBasedDefaultRoute` when it is true. */
export function classRouteDisabled(facts: ProfileFacts): XmlElement | undefined {
  const element = firstChild(facts.nativeProfile, 'DisableClassBasedDefaultRoute');
  return element && isTrueish({ value: textOf(element).trim(), element }) ? element : undefined;
}
