import { effectiveSeverity } from '../../settings';
import { walkElements, type XmlElement } from '../../xml/xmlTree';
import { insertChild } from '../edits';
import { serverEntryProblem } from '../formatsParse';
import { listEntries } from '../formatsText';
import { findOrderProblem, reorderChildren } from '../intuneOrder';
import type { Fix } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Intune custom OMA-URI deployments to Windows 11 (Richard Hicks' sample profiles in
 * github.com/richardhicks/aovpn and the history of their element order). Intune keeps the XML it sent and compares it with what Windows reports
 * back; anything Windows writes differently looks like drift. These rules only run when the
 * deployment setting is `intune` (rules.json `deployment`, applied by validate.ts).
 */
export const intuneRules: RuleFamily = {
  family: 'intune',
  ids: ['intune-element-order', 'intune-server-listed-once', 'intune-machine-method-missing'],
  check(ctx) {
    // Every finding of this family is dropped unless one of its rules is on (they are off
    // outside the intune deployment unless named in the settings): skip the work then.
    if (!intuneRules.ids.some((id) => effectiveSeverity(id, ctx.settings))) return;
    checkElementOrder(ctx);
    checkServersListedTwice(ctx);
    checkMachineMethod(ctx);
  },
};

/**
 * The model lists children in the field-proven Intune/Windows 11 order (schemaTypes.ts). That
 * order comes from Richard Hicks' native user and device tunnel samples; nobody has shown an order
 * for plug-in or LockDown profiles (his PaloAlto, Fortinet and LockDown samples and Microsoft's
 * Azure VPN Client example are in other orders and work), so those are left alone.
 */
function checkElementOrder(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  if (facts.pluginProfile || facts.isLockDown || !facts.nativeProfile) return;
  walkElements(ctx.root, (container) => {
    const def = ctx.defOf(container);
    if (!def?.children?.length || def.type === 'any') return;
    // Only field-proven positions count; the rest stay where the author put them.
    const order = def.children.filter((c) => !c.orderUnverified).map((c) => c.name);
    const problem = findOrderProblem(container, order);
    if (!problem) return;
    const edit = reorderChildren(ctx.doc, container, order);
    const fixes: Fix[] = edit
      ? [{ title: `Reorder the children of ${container.localName} for Intune`, edits: [edit], preferred: true }]
      : [];
    ctx.report({
      ruleId: 'intune-element-order',
      span: problem.misplaced.nameSpan,
      message: `${problem.misplaced.localName} comes after ${problem.before.localName} here. ${orderEvidence(container)} Expected order in ${container.localName}: ${problem.wanted.join(', ')}.`,
      fixes,
      related: [
        { span: problem.before.nameSpan, message: `${problem.misplaced.localName} belongs before this ${problem.before.localName}` },
      ],
    });
  });
}

/** What is known about the order of this element's children, in the words of the evidence. */
function orderEvidence(container: XmlElement): string {
  if (container.localName === 'CryptographySuite') {
    return (
      'Richard Hicks reordered these children when he adapted his sample profiles for Intune on Windows 11; that one change is the only evidence for their order. ' +
      'No failure with another order has been documented, so treat this as a precaution.'
    );
  }
  return (
    "Richard Hicks' sample profiles warn that element order is critical when ProfileXML is deployed with Intune to Windows 11, and list their elements in this order. " +
    'Microsoft does not document an order; deployments through PowerShell or Configuration Manager accept any.'
  );
}

function checkServersListedTwice(ctx: CheckContext): void {
  walkElements(ctx.root, (element) => {
    if (ctx.defOf(element)?.type !== 'serverList') return;
    for (const entry of listEntries(element, ctx.doc.text, ',')) {
      // Empty or malformed entries are invalid-server-list's; entries with a friendly name are fine.
      // An entry that cannot be located exactly (CDATA, comments in the value) gets no edit.
      if (entry.value === '' || entry.value.includes(';') || serverEntryProblem(entry.value) || !entry.exact) continue;
      ctx.report({
        ruleId: 'intune-server-listed-once',
        span: entry.span,
        message:
          `${entry.value} has no friendly name. Windows reports this entry back as "${entry.value};${entry.value}", so Intune can see a value different from the one it sent and report drift. ` +
          `The field-proven form for Intune on Windows 11 is the server listed twice: ${entry.value};${entry.value}.`,
        fixes: [
          {
            title: `Write ${entry.value};${entry.value}`,
            edits: [{ start: entry.span.end, end: entry.span.end, newText: `;${entry.raw}` }],
            preferred: true,
          },
        ],
      });
    }
  });
}

function checkMachineMethod(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  if (facts.isDeviceTunnel || facts.isLockDown) return;
  const authentication = facts.authentication;
  const user = facts.userMethod;
  if (!authentication || !user || facts.machineMethod || user.value.toLowerCase() !== 'eap') return;
  const machineDef = ctx.defOf(authentication)?.children?.find((c) => c.name === 'MachineMethod');
  // The model's spelling of the EAP machine method (documented value, not an alias).
  const eap = machineDef?.values?.find((v) => v.value.toLowerCase() === 'eap')?.value ?? 'EAP';
  const order = (ctx.defOf(authentication)?.children ?? []).map((c) => c.name);
  const element = `<MachineMethod>${eap}</MachineMethod>`;
  ctx.report({
    ruleId: 'intune-machine-method-missing',
    span: user.element.nameSpan,
    message: `This user tunnel authenticates with EAP but has no MachineMethod. Deployed through Intune to Windows 11, the EAP machine method must be present too (field experience, Richard Hicks), otherwise the profile does not apply reliably. Add ${element} next to UserMethod.`,
    fixes: [{ title: `Add ${element}`, edits: [insertChild(ctx.doc, authentication, 'MachineMethod', element, order)], preferred: true }],
    related: relatedTunnel(ctx),
  });
}

function relatedTunnel(ctx: CheckContext): { span: XmlElement['nameSpan']; message: string }[] | undefined {
  const deviceTunnel = ctx.doc.facts.deviceTunnel;
  return deviceTunnel ? [{ span: deviceTunnel.element.nameSpan, message: 'DeviceTunnel is not true: this is a user tunnel' }] : undefined;
}
