/**
 * PowerShell parameter binding over the cmdlet data (server/src/service/powershell/binding.ts):
 * names and abbreviations, values, switches versus Booleans, positional and pipeline binding,
 * and the parameter-set analysis behind ps-missing-parameter.
 * Commands are built with a small tokenizer below, shaped like the script model (model.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findCmdlet, parameterNamed, type CmdletDef, type ParameterDef } from '../../server/src/service/powershell/cmdletSchema';
import { bindCommand, boundParameter, resolveParameter, valueMatches, type BindResult } from '../../server/src/service/powershell/binding';
import type { PsCommand, PsHashEntry, PsParameter, PsValue } from '../../server/src/service/powershell/model';

// ---------------------------------------------------------------------------------------------
// Helpers

function cmdlet(name: string): CmdletDef {
  const c = findCmdlet(name);
  assert.ok(c, name);
  return c;
}

function param(c: string, name: string): ParameterDef {
  const p = parameterNamed(cmdlet(c), name);
  assert.ok(p, `${c} -${name}`);
  return p;
}

function literalValue(text: string, start: number): PsValue {
  const span = { start, end: start + text.length };
  if (/^\$(true|false)$/i.test(text)) return { kind: 'boolean', text, value: text.slice(1).toLowerCase(), span };
  if (/^\$null$/i.test(text)) return { kind: 'null', text, span };
  if (/^\$\w+$/.test(text)) return { kind: 'variable', text, variable: text.slice(1), span };
  if (/^'.*'$/.test(text)) return { kind: 'string', text, value: text.slice(1, -1), span };
  if (/^".*"$/.test(text)) return { kind: 'string', text, value: text.slice(1, -1), span };
  if (/^-?\d+$/.test(text)) return { kind: 'number', text, value: text, span };
  if (text.includes(',')) {
    let offset = start;
    const items = text.split(',').map((part) => {
      const item = literalValue(part, offset);
      offset += part.length + 1;
      return item;
    });
    return { kind: 'array', text, items, span };
  }
  return { kind: 'bareword', text, value: text, span };
}

function hashEntries(entries: Record<string, string>): PsHashEntry[] {
  return Object.entries(entries).map(([key, value]) => ({ key, keySpan: { start: 0, end: key.length }, value: literalValue(value, 0) }));
}

interface Extra {
  /** Splat variables with their literal hashtables (resolved); splats not listed stay unresolved. */
  splats?: Record<string, Record<string, string>>;
  /** Pipeline input: 'unknown' shape, or the properties of a literal [PSCustomObject]@{...}. */
  pipeline?: 'unknown' | Record<string, string>;
}

/** A command as the script model would extract it (enough of the grammar for these tests). */
function command(text: string, extra: Extra = {}): PsCommand {
  const tokens: { text: string; start: number }[] = [];
  for (const m of text.matchAll(/'[^']*'|"[^"]*"|\S+/g)) tokens.push({ text: m[0], start: m.index ?? 0 });
  const [nameToken, ...rest] = tokens;
  const cmd: PsCommand = {
    name: nameToken.text,
    nameSpan: { start: nameToken.start, end: nameToken.start + nameToken.text.length },
    span: { start: 0, end: text.length },
    parameters: [],
    positional: [],
    splats: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i];
    if (/^-[A-Za-z_]/.test(t.text)) {
      const colon = t.text.indexOf(':');
      const name = colon >= 0 ? t.text.slice(1, colon) : t.text.slice(1);
      const p: PsParameter = {
        name,
        span: { start: t.start, end: t.start + (colon >= 0 ? colon : t.text.length) },
        colonValue: colon >= 0,
        origin: 'literal',
      };
      if (colon >= 0 && colon < t.text.length - 1) p.value = literalValue(t.text.slice(colon + 1), t.start + colon + 1);
      else if (i + 1 < rest.length && !/^-[A-Za-z_]/.test(rest[i + 1].text) && !rest[i + 1].text.startsWith('@')) {
        p.value = literalValue(rest[i + 1].text, rest[i + 1].start);
        i++;
      }
      cmd.parameters.push(p);
    } else if (t.text.startsWith('@')) {
      const variable = t.text.slice(1);
      const table = extra.splats?.[variable];
      cmd.splats.push({ variable, span: { start: t.start, end: t.start + t.text.length }, resolved: !!table });
      for (const entry of hashEntries(table ?? {})) {
        cmd.parameters.push({ name: entry.key, span: entry.keySpan, value: entry.value, colonValue: false, origin: 'splat' });
      }
    } else {
      cmd.positional.push(literalValue(t.text, t.start));
    }
  }
  if (extra.pipeline === 'unknown') cmd.pipelineInput = { span: { start: 0, end: 0 } };
  else if (extra.pipeline) cmd.pipelineInput = { span: { start: 0, end: 0 }, properties: hashEntries(extra.pipeline) };
  return cmd;
}

function bind(text: string, extra: Extra = {}): BindResult {
  const cmd = command(text, extra);
  return bindCommand(cmdlet(cmd.name), cmd);
}

const names = (list: readonly ParameterDef[]): string[] => list.map((p) => p.name);
const boundNames = (r: BindResult): string[] => r.bound.map((b) => b.parameter.name).sort();

const SIX =
  '-AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PFSgroup PFS2048';
const CLIENT = 'Set-VpnConnectionIPsecConfiguration';
const SERVER = 'Set-VpnServerConfiguration';

// ---------------------------------------------------------------------------------------------

describe('resolveParameter', () => {
  test('exact names are case-insensitive; unambiguous abbreviations bind (about_Parameter_Binding)', () => {
    const c = cmdlet(CLIENT);
    for (const [written, kind] of [
      ['-PfsGroup', 'exact'],
      ['-PFSgroup', 'exact'],
      ['pfsgroup', 'exact'],
      ['-Pfs', 'prefix'],
      ['-pf', 'prefix'],
      ['-dhg', 'prefix'],
    ] as const) {
      const r = resolveParameter(c, written);
      assert.equal(r.kind, kind, written);
      assert.ok(r.kind === kind && 'parameter' in r, written);
      assert.equal(r.parameter.name, written.toLowerCase().startsWith('-dh') ? 'DHGroup' : 'PfsGroup', written);
    }
    const lower = resolveParameter(c, '-authenticationtransformconstants');
    assert.ok(lower.kind === 'exact' && lower.parameter.name === 'AuthenticationTransformConstants');
  });

  test('documented aliases bind, and an exact alias beats a longer name it prefixes', () => {
    const name = resolveParameter(cmdlet(CLIENT), '-Name');
    assert.ok(name.kind === 'alias' && name.parameter.name === 'ConnectionName' && name.alias === 'Name');
    // EncryptionMethod has the alias Encryption; EncryptionType also starts with it, but the exact alias wins.
    const encryption = resolveParameter(cmdlet(SERVER), '-encryption');
    assert.ok(encryption.kind === 'alias' && encryption.parameter.name === 'EncryptionMethod');
    const old = resolveParameter(cmdlet('Set-VpnServerIPsecConfiguration'), '-QMSALifeTimeSeconds');
    assert.ok(old.kind === 'alias' && old.parameter.name === 'SALifeTimeSeconds');
    const common = resolveParameter(cmdlet(CLIENT), '-ea');
    assert.ok(common.kind === 'alias' && common.parameter.name === 'ErrorAction');
  });

  test('a prefix of a name and an alias of the same parameter is not ambiguous', () => {
    // -Pfs matches PfsGroup and its alias PfsGroupId: one parameter.
    const r = resolveParameter(cmdlet(SERVER), '-Pfs');
    assert.ok(r.kind === 'prefix' && r.parameter.name === 'PfsGroup');
    // -LifeTimeS only matches the alias LifeTimeSeconds of SALifeTimeSeconds.
    const alias = resolveParameter(cmdlet(SERVER), '-LifeTimeS');
    assert.ok(alias.kind === 'prefix' && alias.parameter.name === 'SALifeTimeSeconds');
  });

  test('a prefix shared by one cmdlet parameter and common parameters binds the cmdlet parameter', () => {
    // IntegrityCheckMethod, InformationAction, InformationVariable: PowerShell prefers the declared one.
    const r = resolveParameter(cmdlet(SERVER), '-In');
    assert.ok(r.kind === 'prefix' && r.parameter.name === 'IntegrityCheckMethod');
    const both = resolveParameter(cmdlet(SERVER), '-Out');
    assert.ok(both.kind === 'ambiguous');
    assert.deepEqual(names(both.candidates), ['OutVariable', 'OutBuffer']);
  });

  test('an ambiguous prefix is reported with its candidates', () => {
    const encr = resolveParameter(cmdlet(SERVER), '-Encr');
    assert.ok(encr.kind === 'ambiguous');
    assert.deepEqual(names(encr.candidates), ['EncryptionMethod', 'EncryptionType']);
    assert.equal(encr.uncertain, false);
    const sa = resolveParameter(cmdlet(SERVER), '-SA');
    assert.ok(sa.kind === 'ambiguous');
    assert.deepEqual(names(sa.candidates), ['SADataSizeForRenegotiationKilobytes', 'SALifeTimeSeconds']);
    const m = resolveParameter(cmdlet('Add-VpnConnection'), '-Machine');
    assert.ok(m.kind === 'ambiguous');
    assert.deepEqual(names(m.candidates), ['MachineCertificateEKUFilter', 'MachineCertificateIssuerFilter']);
  });

  test('ambiguity that depends on an unverified parameter is marked uncertain', () => {
    // AllUserConnection is undocumented on the trigger cmdlets (Microsoft's pages for them do not list it).
    const r = resolveParameter(cmdlet('Add-VpnConnectionTriggerDnsConfiguration'), '-A');
    assert.ok(r.kind === 'ambiguous');
    assert.deepEqual(names(r.candidates), ['AllUserConnection', 'AsJob']);
    assert.equal(r.uncertain, true, 'without the unverified -AllUserConnection, -A is simply -AsJob');
  });

  test('unknown names get the closest parameter as a suggestion', () => {
    for (const [written, suggestion] of [
      ['-DHGrp', 'DHGroup'],
      ['-PfsGroups', 'PfsGroup'],
      ['-IntegrityCheckMetod', 'IntegrityCheckMethod'],
      ['-SALifetimeSecs', 'SALifeTimeSeconds'],
    ]) {
      const r = resolveParameter(cmdlet(SERVER), written);
      assert.ok(r.kind === 'unknown', written);
      assert.equal(r.suggestion, suggestion, written);
    }
    const far = resolveParameter(cmdlet(SERVER), '-Zzzzzz');
    assert.ok(far.kind === 'unknown' && far.suggestion === undefined);
    // Lifetimes exist only on the server cmdlet.
    const client = resolveParameter(cmdlet(CLIENT), '-SALifeTimeSeconds');
    assert.equal(client.kind, 'unknown');
  });

  test('exactOnly (pipeline property names) disables abbreviations', () => {
    assert.equal(resolveParameter(cmdlet(SERVER), 'Pfs', { exactOnly: true }).kind, 'unknown');
    assert.equal(resolveParameter(cmdlet(SERVER), 'PFSgroup', { exactOnly: true }).kind, 'exact');
  });
});

describe('valueMatches', () => {
  test('enumeration members are case-insensitive; the documented spelling is reported', () => {
    const dh = param(CLIENT, 'DHGroup');
    assert.deepEqual(valueMatches(dh, 'Group14'), { ok: true, canonical: 'Group14', nonCanonical: false });
    assert.deepEqual(valueMatches(dh, 'group14'), { ok: true, canonical: 'Group14', nonCanonical: true });
    const tunnel = param(SERVER, 'TunnelType');
    assert.ok(valueMatches(tunnel, 'IKEv2').ok);
    const sstp = valueMatches(tunnel, 'Sstp');
    assert.ok(!sstp.ok && sstp.problem === 'not-in-set', 'the server -TunnelType only takes IKEV2 or L2TP (C4)');
    const client = valueMatches(param('Add-VpnConnection', 'TunnelType'), 'IKEv2');
    assert.ok(client.ok && client.canonical === 'Ikev2' && client.nonCanonical);
  });

  test('values outside the enumeration get the closest member', () => {
    const r = valueMatches(param(CLIENT, 'DHGroup'), 'Group15');
    assert.ok(!r.ok && r.problem === 'not-in-set' && r.closest === 'Group14', JSON.stringify(r));
    const xml = valueMatches(param(CLIENT, 'EncryptionMethod'), 'AES_GCM_128');
    assert.ok(!xml.ok && xml.closest === 'GCMAES128', 'the ProfileXML spelling maps to the PowerShell one');
    const sha = valueMatches(param(SERVER, 'IntegrityCheckMethod'), 'SHA196');
    assert.ok(!sha.ok && sha.closest === 'SHA1');
    const noGcm192 = valueMatches(param(SERVER, 'EncryptionMethod'), 'GCMAES192');
    assert.ok(!noGcm192.ok, 'EncryptionMethod has no GCMAES192 (C5)');
    const dashed = valueMatches(param(CLIENT, 'CipherTransformConstants'), 'AES-128');
    assert.ok(!dashed.ok && dashed.closest === 'AES128');
  });

  test('numbers for a CIM enum are accepted with a caveat (ordinal conversion unverified: the CIM enum numbers are not documented)', () => {
    const r = valueMatches(param(CLIENT, 'DHGroup'), literalValue('14', 0));
    assert.ok(r.ok && r.caveat === 'enum-ordinal' && r.suggestion === 'Group14');
    const quoted = valueMatches(param(CLIENT, 'DHGroup'), literalValue("'2'", 0));
    assert.ok(quoted.ok, 'never an error');
    // ActionPreference ordinals are ordinary .NET enum conversion: -ea 0 is SilentlyContinue.
    const ea = valueMatches(param(CLIENT, 'ErrorAction'), literalValue('0', 0));
    assert.ok(ea.ok && ea.canonical === 'SilentlyContinue');
  });

  test('ValidateSet arrays check every item', () => {
    const auth = param('Add-VpnConnection', 'AuthenticationMethod');
    assert.ok(valueMatches(auth, literalValue('Eap,MachineCertificate', 0)).ok);
    const bad = valueMatches(auth, literalValue('Eap,Certificate', 0));
    assert.ok(!bad.ok && bad.item?.text === 'Certificate' && bad.closest === 'MachineCertificate', JSON.stringify(bad));
    const scalar = valueMatches(param('Add-VpnConnection', 'TunnelType'), literalValue('Ikev2,Sstp', 0));
    assert.ok(!scalar.ok && scalar.problem === 'array-for-scalar');
  });

  test('numbers: quoted numbers convert; type limits and documented ranges apply', () => {
    const lifetime = param(SERVER, 'SALifeTimeSeconds');
    assert.ok(valueMatches(lifetime, literalValue("'28800'", 0)).ok, 'quoted numbers are accepted (Hicks passes strings)');
    assert.ok(valueMatches(lifetime, literalValue('28800', 0)).ok);
    assert.ok(valueMatches(lifetime, '0x7080').ok, 'hex');
    const low = valueMatches(lifetime, literalValue('100', 0));
    assert.ok(!low.ok && low.problem === 'out-of-range' && low.limits?.min === '300' && low.limits.documented);
    const negative = valueMatches(lifetime, literalValue('-1', 0));
    assert.ok(!negative.ok && negative.problem === 'out-of-range' && negative.limits?.documented === false);
    const huge = valueMatches(param(SERVER, 'MMSALifeTimeSeconds'), '4294967296');
    assert.ok(!huge.ok && huge.limits?.max === '4294967295');
    assert.ok(valueMatches(param(SERVER, 'MMSALifeTimeSeconds'), '5').ok, 'no documented range for MMSALifeTimeSeconds');
    const text = valueMatches(lifetime, 'eight hours');
    assert.ok(!text.ok && text.problem === 'not-a-number');
    assert.ok(!valueMatches(param(SERVER, 'SADataSizeForRenegotiationKilobytes'), '1000').ok, 'at least 1024 KB');
    assert.ok(valueMatches(param(SERVER, 'SADataSizeForRenegotiationKilobytes'), '1mb').ok, 'PowerShell multipliers');
    const port = valueMatches(param('Set-VpnAuthType', 'RadiusPort'), '70000');
    assert.ok(!port.ok && port.limits?.max === '65535');
  });

  test('Boolean parameters take only $true/$false and numbers', () => {
    const split = param('Set-VpnConnection', 'SplitTunneling');
    assert.ok(valueMatches(split, literalValue('$false', 0)).ok);
    assert.ok(valueMatches(split, literalValue('1', 0)).ok);
    const word = valueMatches(split, literalValue("'true'", 0));
    assert.ok(!word.ok && word.problem === 'not-boolean' && word.closest === '$true');
  });

  test('variables and expressions are not judged', () => {
    const r = valueMatches(param(CLIENT, 'DHGroup'), literalValue('$dh', 0));
    assert.ok(r.ok && r.caveat === 'dynamic');
  });

  test('lengths and patterns (community helpers)', () => {
    const hash = param('Enable-SstpOffload', 'CertificateHash');
    assert.ok(valueMatches(hash, '5CE8598EEAE7416264F33808A47D676D4E12BF0740143D4FF1C8904D83CA3946').ok);
    const sha1 = valueMatches(hash, '5CE8598EEAE7416264F33808A47D676D4E12BF07');
    assert.ok(!sha1.ok && sha1.problem === 'too-short', 'a SHA-1 thumbprint is not a SHA-256 hash');
    const notHex = valueMatches(hash, 'Z'.repeat(64));
    assert.ok(!notHex.ok && notHex.problem === 'pattern');
    const name = valueMatches(param('Set-VpnConnectionUsernamePassword', 'connectionname'), 'ab');
    assert.ok(!name.ok && name.problem === 'too-short');
  });

  test('registry types on New-ItemProperty are matched case-insensitively', () => {
    const type = param('New-ItemProperty', 'PropertyType');
    const upper = valueMatches(type, 'DWORD');
    assert.ok(upper.ok && upper.canonical === 'DWord' && upper.nonCanonical);
    const reg = valueMatches(type, 'REG_DWORD');
    assert.ok(!reg.ok && reg.closest === 'DWord', JSON.stringify(reg));
  });
});

describe('bindCommand: names, switches and Booleans', () => {
  test("the baseline article's client command binds all six by name (abbreviated -PFSgroup included)", () => {
    const r = bind(`${CLIENT} -ConnectionName 'Always On VPN' ${SIX} -Force`);
    assert.deepEqual(r.unknown, []);
    assert.deepEqual(r.ambiguous, []);
    assert.equal(boundParameter(r, 'PfsGroup')?.written?.name, 'PFSgroup');
    assert.equal(boundParameter(r, 'PfsGroup')?.how, 'exact');
    assert.equal(boundParameter(r, 'PfsGroup')?.value?.value, 'PFS2048');
  });

  test('unknown and ambiguous names are collected with suggestions and candidates', () => {
    const r = bind(`${SERVER} -CustomPolicy -DHGrp Group14 -Encr AES128`);
    assert.equal(r.unknown.length, 1);
    assert.equal(r.unknown[0].written.name, 'DHGrp');
    assert.equal(r.unknown[0].suggestion, 'DHGroup');
    assert.equal(r.ambiguous.length, 1);
    assert.deepEqual(names(r.ambiguous[0].candidates), ['EncryptionMethod', 'EncryptionType']);
    assert.equal(r.sets.undecidable, 'unknown-parameter');
  });

  test('Add-VpnConnection -SplitTunneling $false: the switch stays on and $false binds elsewhere (about_Parameter_Binding)', () => {
    const r = bind("Add-VpnConnection -Name 'Contoso' -ServerAddress vpn.contoso.com -SplitTunneling $false");
    assert.equal(r.switchGivenValue.length, 1);
    const given = r.switchGivenValue[0];
    assert.equal(given.parameter.name, 'SplitTunneling');
    assert.equal(given.value.text, '$false');
    assert.equal(given.booleanLike, true);
    assert.equal(given.landsOn?.name, 'TunnelType', '$false is the next positional argument: -TunnelType (position 3)');
    assert.equal(boundParameter(r, 'SplitTunneling')?.switchOn, true);
    assert.ok(!valueMatches(given.landsOn as ParameterDef, given.value).ok, 'and "False" is no tunnel type');
  });

  test('an ordinary argument after a switch is a positional argument, not a switch value', () => {
    const r = bind("Add-VpnConnection -AllUserConnection 'Contoso' vpn.contoso.com -TunnelType Ikev2");
    assert.equal(r.switchGivenValue.length, 1);
    assert.equal(r.switchGivenValue[0].booleanLike, false);
    assert.equal(r.switchGivenValue[0].landsOn?.name, 'Name');
    assert.equal(boundParameter(r, 'ServerAddress')?.value?.text, 'vpn.contoso.com');
    assert.equal(r.sets.complete, true);
  });

  test('the stray value lands on the next free position', () => {
    const r = bind('Add-VpnConnection -Name X -ServerAddress Y -TunnelType Ikev2 -EncryptionLevel Required -SplitTunneling $false');
    assert.equal(r.switchGivenValue[0].landsOn?.name, 'AuthenticationMethod');
  });

  test('-SplitTunneling:$false is the way to turn a switch off', () => {
    const r = bind("Add-VpnConnection -Name 'Contoso' -ServerAddress vpn.contoso.com -SplitTunneling:$false");
    assert.deepEqual(r.switchGivenValue, []);
    assert.deepEqual(r.extraPositional, []);
    assert.equal(boundParameter(r, 'SplitTunneling')?.switchOn, false);
    assert.equal(boundParameter(r, 'TunnelType'), undefined);
  });

  test('Set-VpnConnection -SplitTunneling needs a value (Boolean, not a switch)', () => {
    const bare = bind("Set-VpnConnection -Name 'Contoso' -SplitTunneling");
    assert.equal(bare.missingValue.length, 1);
    assert.equal(bare.missingValue[0].parameter.name, 'SplitTunneling');
    assert.equal(bare.missingValue[0].parameter.type, 'bool');
    const followed = bind("Set-VpnConnection -Name 'Contoso' -SplitTunneling -PassThru");
    assert.equal(followed.missingValue[0]?.parameter.name, 'SplitTunneling');
    const ok = bind("Set-VpnConnection -Name 'Contoso' -SplitTunneling $true");
    assert.deepEqual(ok.missingValue, []);
    assert.deepEqual(ok.switchGivenValue, []);
    assert.equal(boundParameter(ok, 'SplitTunneling')?.value?.text, '$true');
  });

  test('a parameter given twice is reported; a splatted copy of an explicit one is superseded', () => {
    const twice = bind(`${CLIENT} -ConnectionName X -RevertToDefault -Name Y`);
    assert.equal(twice.duplicates.length, 1);
    assert.equal(twice.duplicates[0].parameter.name, 'ConnectionName');
    const splat = bind(`${CLIENT} @p -ConnectionName X`, { splats: { p: { Name: 'Y', RevertToDefault: '$true' } } });
    assert.deepEqual(splat.duplicates, []);
    assert.equal(boundParameter(splat, 'ConnectionName')?.origin, 'literal');
  });

  test('positional arguments bind by position (Restart-Service RemoteAccess, New-ItemProperty)', () => {
    const restart = bind('Restart-Service RemoteAccess -PassThru');
    assert.equal(boundParameter(restart, 'Name')?.value?.text, 'RemoteAccess', 'Name, not InputObject: the default set wins');
    assert.equal(restart.sets.complete, true);
    const item = bind(
      "New-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2' EnableServerFragmentation -PropertyType DWORD -Value 1 -Force",
    );
    assert.equal(boundParameter(item, 'Path')?.how, 'positional');
    assert.equal(boundParameter(item, 'Name')?.value?.text, 'EnableServerFragmentation');
    assert.equal(item.sets.chosen, 'Path');
    assert.equal(item.sets.complete, true);
  });

  test('the spelling -PropertyTYpe (as published AOVPN scripts write it) and the alias -Type bind -PropertyType', () => {
    const r = bind("New-ItemProperty -Path 'HKLM:\\SYSTEM\\x' -Name CertAuthFlags -PropertyTYpe DWORD -Value 4 -Force");
    assert.equal(boundParameter(r, 'PropertyType')?.how, 'exact');
    const alias = bind("New-ItemProperty -Path 'HKLM:\\SYSTEM\\x' -Name CertAuthFlags -Type DWord -Value 4");
    assert.equal(boundParameter(alias, 'PropertyType')?.how, 'alias');
  });

  test('arguments nobody takes are reported; a simple function keeps them in $args', () => {
    const extra = bind('Set-VpnConnectionProxy -ConnectionName X -AutoDetect Y');
    assert.equal(extra.extraPositional.length, 1);
    assert.equal(extra.extraPositional[0].text, 'Y');
    const fn = bind("Set-VpnConnectionUsernamePassword 'Contoso VPN' '' user 'P@ss' extra -Whatif");
    assert.equal(boundParameter(fn, 'password')?.value?.value, 'P@ss');
    assert.equal(boundParameter(fn, 'domain')?.value?.value, '');
    assert.equal(fn.remainingArguments.length, 1);
    assert.equal(fn.unknown[0]?.written.name, 'Whatif', 'reported, but the cmdlet is not strict (strictParameters false)');
    assert.equal(fn.cmdlet.strictParameters, false);
  });
});

describe('bindCommand: parameter sets (ps-missing-parameter)', () => {
  test('Set-VpnConnectionIPsecConfiguration with all six: CustomPolicy, complete', () => {
    const r = bind(`${CLIENT} -ConnectionName X ${SIX} -Force`);
    assert.equal(r.sets.complete, true);
    assert.equal(r.sets.chosen, 'CustomPolicy');
    assert.deepEqual(r.sets.missing, []);
    assert.equal(r.sets.undecidable, undefined);
  });

  test('Set-VpnConnectionIPsecConfiguration -RevertToDefault: Default, complete', () => {
    const r = bind(`${CLIENT} -ConnectionName X -RevertToDefault -Force`);
    assert.equal(r.sets.complete, true);
    assert.equal(r.sets.chosen, 'Default');
  });

  test('a subset of the six cannot bind: the other parameters are missing', () => {
    const r = bind(`${CLIENT} -ConnectionName X -DHGroup Group14 -PfsGroup PFS2048 -EncryptionMethod AES128 -Force`);
    assert.equal(r.sets.complete, false);
    assert.deepEqual(r.sets.candidates, ['CustomPolicy']);
    assert.equal(r.sets.chosen, 'CustomPolicy');
    assert.deepEqual(
      r.sets.missing.map((m) => [m.set, names(m.parameters)]),
      [['CustomPolicy', ['AuthenticationTransformConstants', 'CipherTransformConstants', 'IntegrityCheckMethod']]],
    );
  });

  test('only -ConnectionName: either -RevertToDefault or the six are missing', () => {
    const r = bind(`${CLIENT} -ConnectionName X -Force`);
    assert.equal(r.sets.complete, false);
    assert.deepEqual(
      r.sets.missing.map((m) => [m.set, names(m.parameters)]),
      [
        ['Default', ['RevertToDefault']],
        [
          'CustomPolicy',
          [
            'AuthenticationTransformConstants',
            'CipherTransformConstants',
            'DHGroup',
            'EncryptionMethod',
            'IntegrityCheckMethod',
            'PfsGroup',
          ],
        ],
      ],
    );
    const none = bind(CLIENT);
    assert.ok(none.sets.missing.every((m) => names(m.parameters).includes('ConnectionName')));
  });

  test('-RevertToDefault mixed with IPsec parameters or -PassThru is a conflict', () => {
    const mixed = bind(`${CLIENT} -ConnectionName X ${SIX} -RevertToDefault`);
    assert.deepEqual(mixed.sets.candidates, []);
    assert.equal(mixed.sets.conflict?.bestSet, 'CustomPolicy');
    assert.deepEqual(
      mixed.sets.conflict?.outside.map((b) => b.parameter.name),
      ['RevertToDefault'],
    );
    const passThru = bind(`${CLIENT} -ConnectionName X -RevertToDefault -PassThru`);
    assert.ok(passThru.sets.conflict);
    assert.equal(passThru.sets.complete, false);
  });

  test('parameters from an unresolved splat make the analysis undecidable; a resolved splat does not', () => {
    const unresolved = bind(`${CLIENT} @IPsec -ConnectionName X -Force`);
    assert.equal(unresolved.sets.undecidable, 'splat');
    assert.equal(unresolved.sets.viaSplat, true);
    const resolved = bind(`${CLIENT} @IPsec -ConnectionName X -Force`, {
      splats: {
        IPsec: {
          AuthenticationTransformConstants: 'SHA256128',
          CipherTransformConstants: 'AES128',
          DHGroup: 'Group14',
          EncryptionMethod: 'AES128',
          IntegrityCheckMethod: 'SHA256',
          PfsGroup: 'PFS2048',
        },
      },
    });
    assert.equal(resolved.sets.undecidable, undefined);
    assert.equal(resolved.sets.complete, true);
    assert.equal(resolved.sets.viaSplat, true);
    assert.equal(boundParameter(resolved, 'DHGroup')?.origin, 'splat');
  });

  test('pipeline input of unknown shape makes missing parameters undecidable', () => {
    const r = bind(`${CLIENT} -ConnectionName X -Force`, { pipeline: 'unknown' });
    assert.equal(r.sets.undecidable, 'pipeline');
    assert.equal(r.sets.complete, false);
  });

  test("positional use of the six is undecidable (their order differs between Microsoft's pages)", () => {
    const r = bind(`${CLIENT} X SHA256128 AES128 Group14 AES128 SHA256 PFS2048 -Force`);
    assert.equal(r.sets.undecidable, 'positional');
    const name = bind(`${CLIENT} X -RevertToDefault -Force`);
    assert.equal(boundParameter(name, 'ConnectionName')?.how, 'positional');
    assert.equal(name.sets.undecidable, undefined, 'the profile name in first position is certain');
    assert.equal(name.sets.complete, true);
  });

  test('Set-VpnServerConfiguration: IPsec parameters without -CustomPolicy miss -CustomPolicy', () => {
    const r = bind(`${SERVER} ${SIX}`);
    assert.deepEqual(r.sets.candidates, ['CustomPolicy']);
    assert.deepEqual(
      r.sets.missing.map((m) => names(m.parameters)),
      [['CustomPolicy']],
    );
  });

  test('Set-VpnServerConfiguration -CustomPolicy with a partial policy binds (ps-partial-custom-policy, not missing)', () => {
    const r = bind(`${SERVER} -CustomPolicy -DHGroup Group14`);
    assert.equal(r.sets.complete, true);
    assert.equal(r.sets.chosen, 'CustomPolicy');
  });

  test('Set-VpnServerConfiguration: -CustomPolicy, -EncryptionType and -RevertToDefault exclude each other', () => {
    const r = bind(`${SERVER} -CustomPolicy ${SIX} -EncryptionType RequireEncryption`);
    assert.equal(r.sets.conflict?.bestSet, 'CustomPolicy');
    assert.deepEqual(
      r.sets.conflict?.outside.map((b) => b.parameter.name),
      ['EncryptionType'],
    );
    const revert = bind(`${SERVER} -RevertToDefault -SALifeTimeSeconds 28800`);
    assert.ok(revert.sets.conflict);
    assert.equal(bind(`${SERVER} -RevertToDefault -TunnelType IKEv2 -PassThru`).sets.chosen, 'RevertToDefault');
    assert.equal(bind(`${SERVER} -SALifeTimeSeconds 28800`).sets.chosen, 'EncryptionType', 'the default set');
  });

  test("Hicks' baseline: [PSCustomObject]$Parameters | Set-VpnServerConfiguration -CustomPolicy", () => {
    const properties = {
      AuthenticationTransformConstants: "'SHA256128'",
      CipherTransformConstants: "'AES128'",
      DHGroup: "'Group14'",
      EncryptionMethod: "'AES128'",
      IntegrityCheckMethod: "'SHA256'",
      PFSgroup: "'PFS2048'",
      SALifeTimeSeconds: "'28800'",
      MMSALifeTimeSeconds: "'86400'",
      SADataSizeForRenegotiationKilobytes: "'1024000'",
    };
    const r = bind(`${SERVER} -CustomPolicy`, { pipeline: properties });
    assert.equal(r.sets.complete, true);
    assert.equal(r.sets.chosen, 'CustomPolicy');
    assert.equal(r.sets.viaPipeline, true);
    assert.equal(boundParameter(r, 'PfsGroup')?.origin, 'pipeline', 'PFSgroup matches PfsGroup case-insensitively');
    assert.deepEqual(r.pipelineIgnored, []);
    assert.equal(boundNames(r).length, 10);
    const ignored = bind(`${SERVER} -CustomPolicy`, { pipeline: { Pfs: "'PFS2048'", Comment: "'x'" } });
    assert.deepEqual(
      ignored.pipelineIgnored.map((i) => [i.written.name, i.reason]),
      [
        ['Pfs', 'no-such-parameter'],
        ['Comment', 'no-such-parameter'],
      ],
    );
    // The same pipeline of unknown shape does not make a complete call undecidable.
    assert.equal(bind(`${SERVER} -CustomPolicy`, { pipeline: 'unknown' }).sets.undecidable, undefined);
  });

  test('New-ItemProperty @Parameters -Force with the literal hashtable of the baseline script', () => {
    const r = bind('New-ItemProperty @Parameters -Force', {
      splats: {
        Parameters: {
          Path: "'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\'",
          Name: "'CertAuthFlags'",
          PropertyType: "'DWORD'",
          Value: "'4'",
        },
      },
    });
    assert.equal(r.sets.complete, true);
    assert.deepEqual(boundNames(r), ['Force', 'Name', 'Path', 'PropertyType', 'Value']);
  });

  test('Add-VpnConnection picks InboxProfile (ThirdParty needs its plug-in parameters)', () => {
    const r = bind('Add-VpnConnection -Name X -ServerAddress Y -TunnelType Ikev2');
    assert.equal(r.sets.chosen, 'InboxProfile');
    const third = bind('Add-VpnConnection -Name X -ServerAddress Y -PlugInApplicationID App');
    assert.deepEqual(
      third.sets.missing.map((m) => [m.set, names(m.parameters)]),
      [['ThirdParty', ['CustomConfiguration']]],
    );
  });
});
