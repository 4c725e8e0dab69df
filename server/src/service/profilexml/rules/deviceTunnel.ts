import { childrenNamed, textOf, valueSpan, type Span, type XmlElement } from '../../xml/xmlTree';
import { insertChild, removeElement, replaceElement, replaceValue } from '../edits';
import { buildNumber, targetBuild, windowsName } from '../schema';
import { forceTunnelReason, routingPolicyOf } from '../routingPolicy';
import type { Fix, OffsetEdit } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Device tunnel and LockDown constraints, from Microsoft's device tunnel page ("Configure VPN
 * device tunnels in Windows client"), the VPNv2 CSP and VPN security features pages, and Richard
 * Hicks' sample device tunnel and LockDown profiles. A device tunnel connects before sign-in with
 * the computer's certificate over IKEv2, split tunnel only, always on; LockDown also needs IKEv2.
 */
export const deviceTunnelRules: RuleFamily = {
  family: 'device-tunnel',
  ids: [
    'device-tunnel-protocol',
    'device-tunnel-authentication',
    'device-tunnel-force-tunnel',
    'device-tunnel-not-always-on',
    'device-tunnel-traffic-filter-target',
  ],
  check(ctx) {
    const { facts } = ctx.doc;
    if (facts.isDeviceTunnel || facts.isLockDown) checkProtocol(ctx);
    if (facts.isDeviceTunnel) {
      checkAlwaysOn(ctx);
      checkTrafficFilterTarget(ctx);
    }
    if (facts.isDeviceTunnel && facts.nativeProfile) {
      checkAuthentication(ctx);
      checkForceTunnel(ctx);
    }
  },
};

/** Names of the children of `parent` in the model's order, for inserting at the right place. */
function orderOf(ctx: CheckContext, parent: XmlElement): string[] {
  return (ctx.defOf(parent)?.children ?? []).map((c) => c.name);
}

function kindOf(ctx: CheckContext): { name: string; switch: XmlElement } {
  const { facts } = ctx.doc;
  if (facts.isDeviceTunnel && facts.deviceTunnel)
    return { name: 'A device tunnel (DeviceTunnel true)', switch: facts.deviceTunnel.element };
  return { name: 'A LockDown profile (LockDown true)', switch: facts.lockDown!.element };
}

function checkProtocol(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const kind = kindOf(ctx);
  const related = [{ span: kind.switch.nameSpan, message: kind.switch.localName }];
  if (!facts.nativeProfile) {
    // A plug-in LockDown profile may be the vendor's business (Microsoft's "VPN security features"
    // page only says the built-in LockDown needs IKEv2); a device tunnel is built-in only
    // (Microsoft's "Configure VPN device tunnels" page).
    if (!facts.pluginProfile || !facts.isDeviceTunnel) return;
    ctx.report({
      ruleId: 'device-tunnel-protocol',
      span: kind.switch.nameSpan,
      message: `${kind.name} only works with the built-in IKEv2 client (NativeProfile), not with a plug-in VPN app (PluginProfile). Windows does not connect it before sign-in. Use a NativeProfile with NativeProtocolType IKEv2, or drop ${kind.switch.localName}.`,
      related: [{ span: facts.pluginProfile.nameSpan, message: 'PluginProfile' }],
    });
    return;
  }
  const written = facts.nativeProtocolType;
  if (!written) {
    ctx.report({
      ruleId: 'device-tunnel-protocol',
      span: facts.nativeProfile.nameSpan,
      message: `${kind.name} only works with IKEv2, but NativeProfile does not name a protocol (no NativeProtocolType), and Windows' default is not documented. Add <NativeProtocolType>IKEv2</NativeProtocolType>.`,
      fixes: [
        {
          title: 'Add NativeProtocolType IKEv2',
          edits: [
            insertChild(
              ctx.doc,
              facts.nativeProfile,
              'NativeProtocolType',
              '<NativeProtocolType>IKEv2</NativeProtocolType>',
              orderOf(ctx, facts.nativeProfile),
            ),
          ],
          preferred: true,
        },
      ],
      related,
    });
    return;
  }
  // Unknown words are invalid-value's; `Ikev2` is IKEv2 in another case.
  if (!facts.protocol || facts.protocol === 'IKEv2') return;
  ctx.report({
    ruleId: 'device-tunnel-protocol',
    span: valueRange(ctx, written.element),
    message: `${kind.name} only works with IKEv2, but NativeProtocolType is ${written.value}. Windows does not connect it (there is no fallback to SSTP or other protocols for this kind of profile). Set NativeProtocolType to IKEv2.`,
    fixes: [{ title: 'Set NativeProtocolType to IKEv2', edits: [replaceValue(ctx.doc, written.element, 'IKEv2')], preferred: true }],
    related,
  });
}

/** The element's value, or its name when it has none. */
function valueRange(ctx: CheckContext, element: XmlElement): Span {
  const span = valueSpan(element, ctx.doc.text);
  return span.end > span.start ? span : element.nameSpan;
}

const MACHINE_CERTIFICATE = '<MachineMethod>Certificate</MachineMethod>';

function checkAuthentication(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const authentication = facts.authentication;
  // Without Authentication, missing-element reports the gap and inserts it first.
  if (!authentication) return;
  const machine = facts.machineMethod;
  const user = facts.userMethod;
  const machineIsCertificate = machine?.value.toLowerCase() === 'certificate';
  if (machineIsCertificate && !user) return;

  // Build "use the machine certificate": MachineMethod Certificate in place, UserMethod gone,
  // and (in the preferred fix) the EAP configuration gone, since nothing else would use it.
  const buildEdits = (dropEap: boolean): OffsetEdit[] => {
    const edits: OffsetEdit[] = [];
    const eap = facts.eap;
    let eapUsed = false;
    if (machine) {
      if (!machineIsCertificate) edits.push(replaceValue(ctx.doc, machine.element, 'Certificate'));
      if (user) edits.push(removeElement(ctx.doc, user.element));
    } else if (user) {
      // The user method's place is where the machine method belongs: replace it there.
      edits.push(replaceElement(ctx.doc, user.element, MACHINE_CERTIFICATE));
    } else if (eap && dropEap) {
      edits.push(replaceElement(ctx.doc, eap, MACHINE_CERTIFICATE));
      eapUsed = true;
    } else {
      edits.push(insertChild(ctx.doc, authentication, 'MachineMethod', MACHINE_CERTIFICATE, orderOf(ctx, authentication)));
    }
    if (eap && dropEap && !eapUsed) edits.push(removeElement(ctx.doc, eap));
    return edits;
  };
  // The titles say what goes: the user method, the EAP configuration (fix round trip, property d).
  const title = (dropEap: boolean): string => {
    const removed = [user ? 'the user method' : '', dropEap && facts.eap ? 'the EAP configuration' : ''].filter(Boolean).join(' and ');
    const kept = !dropEap && facts.eap ? 'keep the EAP configuration' : '';
    const notes = [removed && `remove ${removed}`, kept].filter(Boolean).join(', ');
    return `Use machine certificate authentication${notes ? ` (${notes})` : ''}`;
  };
  const fixes: Fix[] = [{ title: title(true), edits: buildEdits(true), preferred: true }];
  if (facts.eap) fixes.push({ title: title(false), edits: buildEdits(false) });

  const related = [{ span: facts.deviceTunnel!.element.nameSpan, message: 'DeviceTunnel' }];
  if (user) {
    ctx.report({
      ruleId: 'device-tunnel-authentication',
      span: user.element.nameSpan,
      message: `A device tunnel connects before anyone signs in, so there is no user to authenticate: UserMethod ${user.value} cannot work. Windows only supports the computer certificate here; use <MachineMethod>Certificate</MachineMethod> and no UserMethod.`,
      fixes,
      related,
    });
    return;
  }
  ctx.report({
    ruleId: 'device-tunnel-authentication',
    span: machine ? valueRange(ctx, machine.element) : authentication.nameSpan,
    message: machine
      ? `A device tunnel authenticates with the computer certificate only, but MachineMethod is ${machine.value || 'empty'}. Windows does not connect it; set MachineMethod to Certificate.`
      : 'A device tunnel authenticates with the computer certificate, but Authentication has no MachineMethod. Windows does not connect it; add <MachineMethod>Certificate</MachineMethod>.',
    fixes,
    related,
  });
}

function checkForceTunnel(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  if (routingPolicyOf(facts) !== 'force') return;
  const nativeProfile = facts.nativeProfile!;
  const written = facts.routingPolicyType;
  const edit = written
    ? replaceValue(ctx.doc, written.element, 'SplitTunnel')
    : insertChild(
        ctx.doc,
        nativeProfile,
        'RoutingPolicyType',
        '<RoutingPolicyType>SplitTunnel</RoutingPolicyType>',
        orderOf(ctx, nativeProfile),
      );
  ctx.report({
    ruleId: 'device-tunnel-force-tunnel',
    span: written ? valueRange(ctx, written.element) : nativeProfile.nameSpan,
    message:
      `A device tunnel supports split tunnel only, but ${forceTunnelReason(facts)}. Microsoft's device tunnel page: "Device tunnel does not support Force tunnel"; Richard Hicks' sample device tunnel profile says the same ("explicitly not supported"). ` +
      'Set RoutingPolicyType to SplitTunnel and add Route entries for what the computer must reach before sign-in (for example host routes to domain controllers).',
    fixes: [
      { title: written ? 'Set RoutingPolicyType to SplitTunnel' : 'Add RoutingPolicyType SplitTunnel', edits: [edit], preferred: true },
    ],
    related: [{ span: facts.deviceTunnel!.element.nameSpan, message: 'DeviceTunnel' }],
  });
}

/**
 * Microsoft's device tunnel page: the sample's note says "need to specify always on = true". The
 * VPNv2 CSP page says a device tunnel "automatically becomes an always on profile", so a missing
 * or false AlwaysOn is a warning, not an error: the profile contradicts the documented setup.
 */
function checkAlwaysOn(ctx: CheckContext): void {
  const root = ctx.root;
  const alwaysOn = childrenNamed(root, 'AlwaysOn')[0];
  // Only the two valid values are read here: an empty value or another spelling ("True", "1")
  // is empty-value's or invalid-value's, one finding per mistake.
  if (alwaysOn && textOf(alwaysOn).trim() !== 'false') return;
  const deviceTunnel = ctx.doc.facts.deviceTunnel!.element;
  const edit = alwaysOn
    ? replaceValue(ctx.doc, alwaysOn, 'true')
    : insertChild(ctx.doc, root, 'AlwaysOn', '<AlwaysOn>true</AlwaysOn>', orderOf(ctx, root));
  ctx.report({
    ruleId: 'device-tunnel-not-always-on',
    span: alwaysOn ? valueRange(ctx, alwaysOn) : deviceTunnel.nameSpan,
    message:
      `A device tunnel should be always on, but ${alwaysOn ? 'AlwaysOn is false' : 'the profile has no AlwaysOn (its default is false)'}. ` +
      'Microsoft\'s device tunnel page says to "specify always on = true" for a device tunnel. Its VPNv2 CSP page adds that a device tunnel "automatically becomes an always on profile", so Windows may connect it anyway, but the profile should not say otherwise. Set AlwaysOn to true.',
    fixes: [{ title: alwaysOn ? 'Set AlwaysOn to true' : 'Add <AlwaysOn>true</AlwaysOn>', edits: [edit], preferred: true }],
    related: alwaysOn ? [{ span: deviceTunnel.nameSpan, message: 'DeviceTunnel' }] : undefined,
  });
}

/**
 * Microsoft's device tunnel page: with traffic filters, "the Device Tunnel denies inbound
 * traffic", so server-initiated management (manage out) cannot reach the computer. Windows 10
 * 2004 added Direction Inbound to allow it; an older target has no way to.
 */
function checkTrafficFilterTarget(ctx: CheckContext): void {
  // The build that brought TrafficFilter Direction (Windows 10 2004, 10.0.19041), from the model.
  const inbound = ctx.schema.byPath.get('VPNProfile/TrafficFilter/Direction')?.minBuild;
  const target = targetBuild(ctx.settings.targetWindows, ctx.schema);
  if (!inbound || target === undefined || target >= buildNumber(inbound)) return;
  const filters = childrenNamed(ctx.root, 'TrafficFilter');
  if (filters.length === 0) return;
  const [first, ...others] = filters;
  ctx.report({
    ruleId: 'device-tunnel-traffic-filter-target',
    span: first.nameSpan,
    message:
      `This device tunnel has ${filters.length === 1 ? 'a TrafficFilter' : `${filters.length} TrafficFilter rules`}, and the configured target is ${ctx.settings.targetWindows} (${windowsName(`10.0.${target}`, ctx.schema)}). ` +
      'Microsoft\'s device tunnel page: with traffic filters "the Device Tunnel denies inbound traffic", so server-initiated management (manage out: remote PowerShell, remote Group Policy update, Configuration Manager pushes) cannot reach the computer. ' +
      `Inbound traffic filter rules (Direction Inbound) need ${windowsName(inbound, ctx.schema)}. On older clients, restrict the device tunnel with host routes (/32, /128) instead of traffic filters, or raise the target.`,
    related: [
      { span: ctx.doc.facts.deviceTunnel!.element.nameSpan, message: 'DeviceTunnel' },
      ...others.map((filter) => ({ span: filter.nameSpan, message: 'Another TrafficFilter' })),
    ],
  });
}
