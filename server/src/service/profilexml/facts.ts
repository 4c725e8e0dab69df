import { childrenNamed, firstChild, textOf, type XmlElement } from '../xml/xmlTree';
import { eapUsesCertificates } from './eapConfig';

export interface ValueAt {
  /** Trimmed text as written. */
  value: string;
  element: XmlElement;
}

/**
 * The effective settings of a profile as Windows would read them, computed once per parse so
 * that relationship rules (protocol × suite, device tunnel × routing, ...) agree with each other.
 */
export interface ProfileFacts {
  nativeProfile?: XmlElement;
  pluginProfile?: XmlElement;
  nativeProtocolType?: ValueAt;
  /** NativeProtocolType in its documented spelling when recognisable (`Ikev2` → `IKEv2`). */
  protocol?: string;
  routingPolicyType?: ValueAt;
  /** Native profile in force tunnel; an absent RoutingPolicyType means force tunnel ("VPN routing decisions"). */
  forceTunnel: boolean;
  /** Native profile in split tunnel. Plug-in profiles are neither: their server decides. */
  splitTunnel: boolean;
  deviceTunnel?: ValueAt;
  isDeviceTunnel: boolean;
  lockDown?: ValueAt;
  isLockDown: boolean;
  authentication?: XmlElement;
  userMethod?: ValueAt;
  machineMethod?: ValueAt;
  eap?: XmlElement;
  cryptoSuite?: XmlElement;
  routes: XmlElement[];
  /** IKEv2 can be negotiated: IKEv2, Automatic, or a ProtocolList that names it. */
  ikev2Possible: boolean;
  /** Machine certificate, or an EAP configuration that uses certificates (EAP-TLS, type 13). */
  certificateAuthentication: boolean;
}

const PROTOCOLS = ['PPTP', 'L2TP', 'IKEv2', 'Automatic', 'SSTP', 'ProtocolList'];

function valueAt(element: XmlElement | undefined): ValueAt | undefined {
  return element ? { value: textOf(element).trim(), element } : undefined;
}

/** Lower-case `true` is the only true; other spellings are reported by invalid-value but still read as meant. */
export function isTrueish(v: ValueAt | undefined): boolean {
  return !!v && v.value.toLowerCase() === 'true';
}

export function readProfileFacts(root: XmlElement | undefined, text: string): ProfileFacts {
  const nativeProfile = firstChild(root, 'NativeProfile');
  const pluginProfile = firstChild(root, 'PluginProfile');
  const nativeProtocolType = valueAt(firstChild(nativeProfile, 'NativeProtocolType'));
  const protocol = nativeProtocolType ? PROTOCOLS.find((p) => p.toLowerCase() === nativeProtocolType.value.toLowerCase()) : undefined;
  const routingPolicyType = valueAt(firstChild(nativeProfile, 'RoutingPolicyType'));
  const deviceTunnel = valueAt(firstChild(root, 'DeviceTunnel'));
  const lockDown = valueAt(firstChild(root, 'LockDown'));
  const authentication = firstChild(nativeProfile, 'Authentication');
  const userMethod = valueAt(firstChild(authentication, 'UserMethod'));
  const machineMethod = valueAt(firstChild(authentication, 'MachineMethod'));
  const eap = firstChild(authentication, 'Eap');
  const protocolList = firstChild(nativeProfile, 'ProtocolList');
  const listNamesIkev2 = !!protocolList && /<Type>\s*ikev2\s*<\/Type>/i.test(text.slice(protocolList.start, protocolList.end));
  const ikev2Possible = protocol === 'IKEv2' || protocol === 'Automatic' || (protocol === 'ProtocolList' && listNamesIkev2);
  const certificateAuthentication = machineMethod?.value.toLowerCase() === 'certificate' || eapUsesCertificates(eap);
  return {
    nativeProfile,
    pluginProfile,
    nativeProtocolType,
    protocol,
    routingPolicyType,
    forceTunnel: !!nativeProfile && (!routingPolicyType || routingPolicyType.value.toLowerCase() !== 'splittunnel'),
    splitTunnel: !!nativeProfile && routingPolicyType?.value.toLowerCase() === 'splittunnel',
    deviceTunnel,
    isDeviceTunnel: isTrueish(deviceTunnel),
    lockDown,
    isLockDown: isTrueish(lockDown),
    authentication,
    userMethod,
    machineMethod,
    eap,
    cryptoSuite: firstChild(nativeProfile, 'CryptographySuite'),
    routes: childrenNamed(root, 'Route'),
    ikev2Possible,
    certificateAuthentication,
  };
}
