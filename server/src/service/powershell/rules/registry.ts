import type { Finding } from '../../core/findings';
import { REGISTRY, registryPropertyType, type RegistryValueDef } from '../cmdletSchema';
import type { PsValue } from '../model';
import type { PsCheckContext, PsRuleFamily } from './ruleTypes';
import { registryWrites, type RegistryWrite } from '../registryWrites';
import { bound, replaceValueEdit, reportOnce, staticText, vpnCommands } from '../commandAnalysis';

/**
 * The AOVPN registry values (schemas/registry.json) and the SSTP offload hash:
 * ps-registry-value (wrong type or value), ps-sa-limit-workaround (Richard Hicks, "Always On VPN
 * IKEv2 Load Balancing and NAT") and ps-sstp-offload-hash ("Always On VPN SSTP Load Balancing and
 * SSL Offload").
 */
export const registryRules: PsRuleFamily = {
  family: 'powershell',
  ids: ['ps-registry-value', 'ps-sa-limit-workaround', 'ps-sstp-offload-hash'],
  check(context) {
    const ctx = reportOnce(context);
    for (const write of registryWrites(ctx.doc)) {
      // One finding per write: a wrong type is the first thing to fix, and its message says what
      // the value must be as well (two findings on one line said the same thing twice).
      if (write.def.rules?.includes('ps-registry-value') && !checkType(ctx, write)) checkValue(ctx, write);
      if (write.def.rules?.includes('ps-sa-limit-workaround')) saLimit(ctx, write);
    }
    sstpOffloadHash(ctx);
  },
};

const regName = (def: RegistryValueDef): string => `${def.name} (${def.psPath})`;

/** "a DWord (REG_DWORD)", "binary data (REG_BINARY, 32 bytes)". */
function kindText(def: RegistryValueDef): string {
  if (def.type === 'Binary') return `binary data (${def.regType}${def.byteLength ? `, ${def.byteLength} bytes` : ''})`;
  return `a ${def.type} (${def.regType})`;
}

/** What goes wrong when Windows finds no usable value: no effect, and the symptom the data names. */
function consequence(def: RegistryValueDef): string {
  return def.symptom ? `the setting has no effect. Symptom: ${def.symptom.replace(/\.$/, '')}` : 'the setting has no effect';
}

// ---- type --------------------------------------------------------------------------------------

/** Reports a type argument that is wrong for the value; true when it did. */
function checkType(ctx: PsCheckContext, write: RegistryWrite): boolean {
  const { def, type } = write;
  const written = staticText(type);
  if (!type || written === undefined) return false; // no type given: PowerShell infers it (what it infers is not documented): no finding
  if (write.tool === 'reg') {
    if (written.trim().toUpperCase() === def.regType) return false;
    report(
      ctx,
      type,
      `${regName(def)} must be ${def.regType}; reg add writes it as ${written}, a type Windows does not read for this value, and ${consequence(def)}.${binaryAdvice(def, 'reg')}`,
      def.regType,
    );
    return true;
  }
  const kind = registryPropertyType(written);
  const spelling = write.tool === 'New-ItemProperty' ? '-PropertyType' : '-Type';
  if (!kind) {
    const fromReg = Object.entries(REGISTRY.propertyTypes).find(
      ([k, reg]) => !k.startsWith('$') && reg.toLowerCase() === written.trim().toLowerCase(),
    );
    const hint = fromReg ? ` (${written} is the reg.exe spelling)` : '';
    report(
      ctx,
      type,
      `${spelling} ${written} is not a registry value kind PowerShell knows${hint}: the command fails. ${def.name} is ${kindText(def)}.`,
      def.type,
    );
    return true;
  }
  if (kind === def.type) return false;
  const literalValue = write.value !== undefined && staticText(write.value) !== undefined;
  // A text or number written as Binary does not become the bytes either: changing only the type
  // would trade this finding for a failing conversion, so no one-word fix is offered then.
  const typeOnlyFix = def.type !== 'Binary' || !literalValue;
  report(
    ctx,
    type,
    `${regName(def)} must be ${kindText(def)}; written as ${kind} (${REGISTRY.propertyTypes[kind]}), Windows does not read it and ${consequence(def)}.${binaryAdvice(def, write.tool)}`,
    typeOnlyFix ? def.type : undefined,
  );
  return true;
}

/** How a binary value is written right (registry.json `valueFormat`), for messages about binary values. */
function binaryAdvice(def: RegistryValueDef, tool: RegistryWrite['tool']): string {
  if (def.type !== 'Binary') return '';
  // reg.exe takes REG_BINARY data as hexadecimal digits; PowerShell needs the bytes themselves.
  if (tool === 'reg') return ' Write it with /t REG_BINARY and the hexadecimal digits as /d.';
  return ` ${def.valueFormat ?? 'Convert it to bytes.'} Write that byte[] with ${tool === 'New-ItemProperty' ? '-PropertyType' : '-Type'} Binary.`;
}

function report(ctx: PsCheckContext, value: PsValue, message: string, replacement?: string): void {
  const finding: Finding = { ruleId: 'ps-registry-value', span: value.span, message };
  // The catalogue lists no fix for this rule: offered, but not applied by fix-all.
  if (replacement) finding.fixes = [{ title: `Change to ${replacement}`, edits: [replaceValueEdit(ctx.doc.text, value, replacement)] }];
  ctx.report(finding);
}

// ---- value -------------------------------------------------------------------------------------

function checkValue(ctx: PsCheckContext, write: RegistryWrite): void {
  const { def, value } = write;
  const written = staticText(value);
  if (!value || written === undefined) return;
  if (def.type === 'Binary') {
    checkBinary(ctx, write, value, written);
    return;
  }
  if (def.type !== 'DWord' && def.type !== 'QWord') return;
  const n = numberOf(written);
  if (n === undefined) {
    report(
      ctx,
      value,
      `${regName(def)} is a number (${def.regType}); \`${written}\` is not one, so the value cannot be written as the type Windows reads.`,
    );
    return;
  }
  const known = def.knownValues?.map((k) => k.value);
  if (def.min !== undefined && n < def.min) {
    report(ctx, value, `${regName(def)} = ${n} is below the minimum ${def.min}.`, String(def.min));
    return;
  }
  if (def.max !== undefined && n > def.max) {
    report(ctx, value, `${regName(def)} = ${n} is above the maximum ${def.max}.`, String(def.max));
    return;
  }
  // Only where the data says what other values do: an expected value, or Windows ignoring the rest.
  if (known && !known.includes(n) && (def.expected !== undefined || (def.otherValues && def.otherValues !== 'unknown'))) {
    const meaning = def.knownValues?.map((k) => `${k.value}: ${k.doc}`).join(' ');
    const ignored = def.otherValues && def.otherValues !== 'unknown' ? ` Windows treats other values as: ${def.otherValues}.` : '';
    report(
      ctx,
      value,
      `${regName(def)} = ${n} is not a documented value.${ignored} Known values — ${meaning}`,
      def.expected !== undefined ? String(def.expected) : undefined,
    );
  }
}

function checkBinary(ctx: PsCheckContext, write: RegistryWrite, value: PsValue, written: string): void {
  const { def } = write;
  const digits = written.replace(/[\s:-]/g, '');
  if (write.tool === 'reg') {
    if (def.byteLength && (!/^[0-9a-f]*$/i.test(digits) || digits.length !== def.byteLength * 2)) {
      report(
        ctx,
        value,
        `${regName(def)} holds ${def.byteLength} bytes (${def.byteLength * 2} hex digits); \`${written}\` has ${digits.length} characters.`,
      );
    }
    return;
  }
  // A string or number where a byte[] is needed: PowerShell stores text (no type given, or the
  // value did not exist yet) or fails to convert it to bytes; either way the check that reads
  // the value never matches.
  report(
    ctx,
    value,
    `${regName(def)} must be ${kindText(def)}, but the value written is ${value.kind === 'number' ? 'a number' : 'text'}: PowerShell does not turn it into those bytes (it stores text, or fails to convert it), and ${consequence(def)}.${binaryAdvice(def, write.tool)}`,
  );
}

function numberOf(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?\d+(?:\.0*)?$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]+$/i.test(t)) return Number(t);
  return undefined;
}

// ---- ps-sa-limit-workaround --------------------------------------------------------------------

function saLimit(ctx: PsCheckContext, write: RegistryWrite): void {
  const written = staticText(write.value);
  const n = written !== undefined ? numberOf(written) : undefined;
  // Lowering it (or writing the default) is not the workaround.
  if (n !== undefined && write.def.windowsDefault !== undefined && n <= write.def.windowsDefault) return;
  ctx.report({
    ruleId: 'ps-sa-limit-workaround',
    span: write.name.span,
    message: `Raising ${write.def.name} is only a partial workaround for the limit on IKEv2 security associations from one source address (Richard Hicks, "Always On VPN IKEv2 Load Balancing and NAT"): it does not remove every limit. The real fix is for the load balancer or firewall to keep the client source address (destination NAT only, no source NAT).`,
  });
}

// ---- ps-sstp-offload-hash ----------------------------------------------------------------------

function sstpOffloadHash(ctx: PsCheckContext): void {
  for (const c of vpnCommands(ctx.doc)) {
    if (c.cmdlet.name !== 'Enable-SstpOffload') continue;
    const b = bound(c, 'CertificateHash');
    const written = staticText(b?.value);
    if (!b?.value || written === undefined) continue;
    const hash = written.trim();
    if (/^[0-9a-f]{64}$/i.test(hash)) continue;
    const digits = hash.replace(/[\s:\-\u200e\u200f]/g, '');
    let why: string;
    if (/^[0-9a-f]{40}$/i.test(digits)) why = 'it is a 40-digit SHA-1 thumbprint, not the SHA-256 hash';
    else if (/^[0-9a-f]{64}$/i.test(digits)) why = 'it holds separators between the digits';
    else if (/[^0-9a-f]/i.test(digits)) why = 'it holds characters that are not hexadecimal digits';
    else why = `it has ${digits.length} digits`;
    const finding: Finding = {
      ruleId: 'ps-sstp-offload-hash',
      span: b.value.span,
      message: `The certificate hash for SSTP offload must be the SHA-256 hash of the load balancer's certificate, 64 hexadecimal digits; ${why}. With a wrong hash clients drop right after connecting (RasSstp event 6; Richard Hicks, "Always On VPN SSTP Load Balancing and SSL Offload").`,
    };
    if (/^[0-9a-f]{64}$/i.test(digits))
      finding.fixes = [{ title: 'Remove the separators', edits: [replaceValueEdit(ctx.doc.text, b.value, digits)] }];
    ctx.report(finding);
  }
}
