/**
 * The PowerShell data (schemas/vpn-cmdlets.json, schemas/registry.json) and its typed loader:
 * shape, internal consistency, agreement with schemas/crypto.json and its baseline, the
 * parameter sets of Microsoft's cmdlet pages, and the registry lookups.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALL_SETS,
  CMDLETS,
  REGISTRY,
  findCmdlet,
  findRegistryValue,
  isMandatoryIn,
  isVpnCommand,
  normaliseRegistryKey,
  parameterNamed,
  parametersOf,
  registryPropertyType,
  setsOfParameter,
  type CmdletDef,
  type ParamType,
  type ParameterDef,
} from '../../server/src/service/powershell/cmdletSchema';
import { valueMatches } from '../../server/src/service/powershell/binding';
import { spellingDifferences } from '../../server/src/service/core/spelling';
import { CRYPTO, type SuiteElement } from '../../server/src/service/profilexml/crypto';

const repoRoot = path.resolve(__dirname, '../..');
const rawCmdlets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/vpn-cmdlets.json'), 'utf8')) as {
  cmdlets: { name: string; parameters: Record<string, unknown>[] }[];
};

const PARAM_TYPES: readonly ParamType[] = [
  'switch',
  'bool',
  'string',
  'string[]',
  'enum',
  'byte',
  'uint16',
  'uint32',
  'uint64',
  'int32',
  'xml',
  'certificate',
  'ciminstance[]',
  'cimsession[]',
  'pscredential',
  'securestring',
  'object',
];

function cmdlet(name: string): CmdletDef {
  const c = findCmdlet(name);
  assert.ok(c, `cmdlet ${name} is in the data`);
  return c;
}

function param(c: CmdletDef, name: string): ParameterDef {
  const p = parameterNamed(c, name);
  assert.ok(p, `${c.name} has -${name}`);
  return p;
}

const IPSEC_CMDLETS = ['Set-VpnConnectionIPsecConfiguration', 'Set-VpnServerConfiguration'];
const SIX = CRYPTO.order;

describe('vpn-cmdlets.json shape', () => {
  test('every VPN cmdlet of the VpnClient and RemoteAccess modules we analyse is present', () => {
    const expected = [
      'Add-VpnConnection',
      'Set-VpnConnection',
      'Get-VpnConnection',
      'Remove-VpnConnection',
      'Set-VpnConnectionIPsecConfiguration',
      'Add-VpnConnectionRoute',
      'Remove-VpnConnectionRoute',
      'Add-VpnConnectionTriggerApplication',
      'Remove-VpnConnectionTriggerApplication',
      'Add-VpnConnectionTriggerDnsConfiguration',
      'Set-VpnConnectionTriggerDnsConfiguration',
      'Remove-VpnConnectionTriggerDnsConfiguration',
      'Add-VpnConnectionTriggerTrustedNetwork',
      'Set-VpnConnectionTriggerTrustedNetwork',
      'Remove-VpnConnectionTriggerTrustedNetwork',
      'Get-VpnConnectionTrigger',
      'Set-VpnConnectionProxy',
      'New-EapConfiguration',
      'New-VpnServerAddress',
      'Set-VpnConnectionUsernamePassword',
      'Set-VpnServerConfiguration',
      'Get-VpnServerConfiguration',
      'Set-VpnServerIPsecConfiguration',
      'Get-VpnServerIPsecConfiguration',
      'Set-VpnAuthProtocol',
      'Get-VpnAuthProtocol',
      'Set-VpnIPAddressAssignment',
      'Set-VpnAuthType',
      'Install-RemoteAccess',
      'Set-RemoteAccess',
      'New-ItemProperty',
      'Set-ItemProperty',
      'Restart-Service',
      'Enable-SSTPOffload',
    ];
    for (const name of expected) assert.ok(findCmdlet(name), name);
  });

  test('cmdlets carry their metadata', () => {
    for (const c of CMDLETS.cmdlets) {
      assert.ok(c.module && c.doc && c.sources.length > 0, c.name);
      assert.ok(c.parameterSets.length > 0, `${c.name} has parameter sets`);
      if (c.parameterSets.includes(ALL_SETS)) assert.equal(c.parameterSets.length, 1, `${c.name}: ${ALL_SETS} only for single-set cmdlets`);
      if (c.defaultParameterSet) assert.ok(c.parameterSets.includes(c.defaultParameterSet), `${c.name} default set exists`);
      assert.ok([true, false, 'conditional'].includes(c.promptsForConfirmation), c.name);
      if (c.promptsForConfirmation !== false) assert.ok(c.confirmationNote, `${c.name} explains its prompt`);
      assert.ok(!c.doc.includes('\n'), `${c.name}: one-line doc`);
    }
  });

  test('command names and aliases are unique across cmdlets', () => {
    const seen = new Map<string, string>();
    for (const c of CMDLETS.cmdlets) {
      for (const n of [c.name, ...c.aliases]) {
        assert.ok(!seen.has(n.toLowerCase()), `${n} is used by ${seen.get(n.toLowerCase())} and ${c.name}`);
        seen.set(n.toLowerCase(), c.name);
      }
    }
  });

  test('every parameter has a type, a doc and valid parameter sets', () => {
    for (const c of CMDLETS.cmdlets) {
      for (const p of parametersOf(c)) {
        const where = `${c.name} -${p.name}`;
        assert.ok(PARAM_TYPES.includes(p.type), `${where}: type ${p.type}`);
        assert.ok(p.dotnetType, `${where}: .NET type`);
        assert.ok(p.doc && !p.doc.includes('\n'), `${where}: one-line doc`);
        assert.ok(p.parameterSets.length > 0, `${where}: parameter sets`);
        for (const s of p.parameterSets) assert.ok(s.name === ALL_SETS || c.parameterSets.includes(s.name), `${where}: set ${s.name}`);
        assert.equal(typeof p.pipelineByPropertyName, 'boolean', where);
        assert.equal(typeof p.pipelineByValue, 'boolean', where);
        if (p.type === 'enum') assert.ok(p.values && p.values.length > 0 && p.enumType, `${where}: enum with values`);
        if (p.values) {
          assert.ok(p.valuesKind, `${where}: valuesKind`);
          assert.ok(
            p.values.every((v) => v.name && v.doc),
            `${where}: every value documented`,
          );
          const names = p.values.map((v) => v.name.toLowerCase());
          assert.equal(new Set(names).size, names.length, `${where}: duplicate values`);
          for (const v of p.values) if (v.weakLevel) assert.ok(['high', 'warning', 'hint'].includes(v.weakLevel), where);
        }
        if (p.min !== undefined && p.max !== undefined) assert.ok(p.min <= p.max, where);
      }
    }
  });

  test('raw JSON parameters all name their type (no defaults filled in by code)', () => {
    for (const c of rawCmdlets.cmdlets) for (const p of c.parameters) assert.equal(typeof p.type, 'string', `${c.name} ${String(p.name)}`);
  });

  test('no duplicate parameter names or aliases within a cmdlet (common parameters included)', () => {
    for (const c of CMDLETS.cmdlets) {
      const seen = new Map<string, string>();
      for (const p of parametersOf(c)) {
        for (const n of [p.name, ...p.aliases]) {
          const key = n.toLowerCase();
          assert.ok(!seen.has(key), `${c.name}: "${n}" of -${p.name} clashes with -${seen.get(key)}`);
          seen.set(key, p.name);
        }
      }
    }
  });

  test("common, CIM and WhatIf/Confirm parameters apply where Microsoft's cmdlet pages say", () => {
    const add = cmdlet('Add-VpnConnection');
    for (const n of [
      'CimSession',
      'Session',
      'ThrottleLimit',
      'AsJob',
      'WhatIf',
      'wi',
      'Confirm',
      'cf',
      'ErrorAction',
      'ea',
      'wa',
      'infa',
      'ev',
      'wv',
      'iv',
      'ov',
      'ob',
      'pv',
      'Verbose',
      'Debug',
    ]) {
      assert.ok(parameterNamed(add, n), `Add-VpnConnection takes -${n}`);
    }
    const get = cmdlet('Get-VpnConnection');
    assert.equal(get.changesState, false);
    assert.equal(parameterNamed(get, 'WhatIf'), undefined, 'Get-* has no -WhatIf');
    assert.ok(parameterNamed(get, 'CimSession'));
    for (const c of CMDLETS.cmdlets.filter((x) => x.module === 'VpnClient' || x.module === 'RemoteAccess')) {
      assert.equal(c.changesState, !c.name.startsWith('Get-'), `${c.name} changesState`);
      assert.ok(c.cimCommon, `${c.name} takes the CIM parameters`);
    }
    const creds = cmdlet('Set-VpnConnectionUsernamePassword');
    assert.equal(creds.thirdParty, true);
    assert.equal(creds.module, 'VPNCredentialsHelper');
    assert.equal(parameterNamed(creds, 'Verbose'), undefined, 'a simple function has no common parameters');
    assert.equal(cmdlet('Restart-Service').cimCommon, false);
    assert.ok(parameterNamed(cmdlet('New-ItemProperty'), 'WhatIf'));
  });

  test('secrets are marked', () => {
    const secrets = CMDLETS.cmdlets.flatMap((c) => c.parameters.filter((p) => p.secret).map((p) => `${c.name} -${p.name}`));
    for (const expected of [
      'Add-VpnConnection -L2tpPsk',
      'Set-VpnConnection -L2tpPsk',
      'Set-VpnAuthProtocol -SharedSecret',
      'Set-VpnAuthType -SharedSecret',
      'Install-RemoteAccess -SharedSecret',
      'Set-VpnConnectionUsernamePassword -password',
    ])
      assert.ok(secrets.includes(expected), expected);
  });

  test('switch versus Boolean on Add-/Set-VpnConnection', () => {
    for (const n of ['SplitTunneling', 'RememberCredential', 'UseWinlogonCredential']) {
      assert.equal(param(cmdlet('Add-VpnConnection'), n).type, 'switch');
      assert.equal(param(cmdlet('Set-VpnConnection'), n).type, 'bool');
    }
  });

  test('which cmdlets ask for confirmation without -Force', () => {
    assert.equal(cmdlet('Set-VpnConnectionIPsecConfiguration').promptsForConfirmation, true);
    assert.equal(cmdlet('Remove-VpnConnection').promptsForConfirmation, true);
    assert.equal(cmdlet('Add-VpnConnectionTriggerApplication').promptsForConfirmation, true);
    assert.equal(cmdlet('Add-VpnConnection').promptsForConfirmation, 'conditional');
    assert.equal(cmdlet('Add-VpnConnection').confirmationUnverified, true);
    assert.equal(cmdlet('Set-VpnServerConfiguration').promptsForConfirmation, false);
    assert.equal(cmdlet('New-ItemProperty').promptsForConfirmation, false);
    for (const c of CMDLETS.cmdlets.filter((x) => x.promptsForConfirmation !== false))
      assert.ok(parameterNamed(c, 'Force'), `${c.name} has -Force`);
  });

  test('unverified facts are marked as such', () => {
    assert.ok(param(cmdlet('Add-VpnConnectionTriggerApplication'), 'AllUserConnection').unverified);
    assert.ok(cmdlet('Set-VpnServerIPsecConfiguration').aliasesUnverified);
    assert.ok(param(cmdlet('Set-VpnConnectionIPsecConfiguration'), 'DHGroup').positionUnverified);
    assert.ok(!param(cmdlet('Set-VpnConnectionIPsecConfiguration'), 'ConnectionName').positionUnverified);
    const group24 = param(cmdlet('Set-VpnServerConfiguration'), 'DHGroup').values?.find((v) => v.name === 'Group24');
    assert.ok(group24?.discouraged && !group24.weak, 'Group24 is only discouraged (unverified), never weak');
  });
});

describe('enumerations', () => {
  const documented: Record<string, string> = {
    AuthenticationTransformConstants: 'MD596, SHA196, SHA256128, GCMAES128, GCMAES192, GCMAES256, None',
    CipherTransformConstants: 'DES, DES3, AES128, AES192, AES256, GCMAES128, GCMAES192, GCMAES256, None',
    EncryptionMethod: 'DES, DES3, AES128, AES192, AES256, GCMAES128, GCMAES256',
    IntegrityCheckMethod: 'MD5, SHA1, SHA256, SHA384',
    DHGroup: 'None, Group1, Group2, Group14, ECP256, ECP384, Group24',
    PfsGroup: 'None, PFS1, PFS2, PFS2048, ECP256, ECP384, PFSMM, PFS24',
  };
  const names = (p: ParameterDef): string => (p.values ?? []).map((v) => v.name).join(', ');

  test('the six IPsec enumerations, exact spelling and order, on client and server', () => {
    for (const c of IPSEC_CMDLETS) {
      for (const [n, list] of Object.entries(documented)) assert.equal(names(param(cmdlet(c), n)), list, `${c} -${n}`);
    }
  });

  test('the other enumerations and ValidateSets', () => {
    const cases: [string, string, string][] = [
      ['Set-VpnServerConfiguration', 'TunnelType', 'IKEV2, L2TP'],
      ['Get-VpnServerConfiguration', 'TunnelType', 'IKEV2, L2TP'],
      ['Set-VpnServerConfiguration', 'EncryptionType', 'NoEncryption, RequireEncryption, OptionalEncryption, MaximumEncryption'],
      ['Add-VpnConnection', 'TunnelType', 'Pptp, L2tp, Sstp, Ikev2, Automatic'],
      ['Set-VpnConnection', 'TunnelType', 'Pptp, L2tp, Sstp, Ikev2, Automatic'],
      ['Add-VpnConnection', 'AuthenticationMethod', 'Pap, Chap, MSChapv2, Eap, MachineCertificate'],
      ['Add-VpnConnection', 'EncryptionLevel', 'NoEncryption, Optional, Required, Maximum, Custom'],
      ['New-EapConfiguration', 'TunneledNonEapAuthMethod', 'Pap, Chap, MSChap, MSChapv2'],
      ['Set-VpnAuthProtocol', 'UserAuthProtocolAccepted', 'EAP, Certificate, MsChapv2, Chap, PAP, PreSharedKey'],
      ['Set-VpnAuthProtocol', 'TunnelAuthProtocolsAdvertised', 'Certificates, PreSharedKey'],
      ['Set-VpnIPAddressAssignment', 'IPAssignmentMethod', 'Dhcp, StaticPool'],
      ['Set-VpnAuthType', 'Type', 'Windows, ExternalRadius'],
      ['Set-VpnAuthType', 'MsgAuthenticator', 'Enabled, Disabled'],
      ['Install-RemoteAccess', 'VpnType', 'Vpn, VpnS2S, SstpProxy, RoutingOnly'],
    ];
    for (const [c, n, list] of cases) assert.equal(names(param(cmdlet(c), n)), list, `${c} -${n}`);
  });

  test('the server GCM EncryptionMethod values carry the Server 1803 requirement', () => {
    const values = param(cmdlet('Set-VpnServerConfiguration'), 'EncryptionMethod').values ?? [];
    assert.deepEqual(
      values.filter((v) => v.minBuild).map((v) => v.name),
      ['GCMAES128', 'GCMAES256'],
    );
  });
});

describe('agreement with schemas/crypto.json and its baseline', () => {
  test('the six IPsec parameters map to the six CryptographySuite elements, on both cmdlets', () => {
    for (const c of IPSEC_CMDLETS) {
      const mapped = cmdlet(c).parameters.filter((p) => p.profileXmlElement);
      assert.deepEqual(mapped.map((p) => p.profileXmlElement).sort(), [...SIX].sort(), c);
      for (const p of mapped) assert.equal(p.name, p.profileXmlElement, `${c}: -${p.name} carries the same name as its element`);
    }
  });

  test('ProfileXML spellings on the values agree with the spelling map (crypto.json powershellToProfileXml)', () => {
    for (const c of IPSEC_CMDLETS) {
      for (const p of cmdlet(c).parameters.filter((x) => x.profileXmlElement)) {
        const table = Object.fromEntries(spellingDifferences(p.profileXmlElement as SuiteElement));
        const fromValues = Object.fromEntries((p.values ?? []).filter((v) => v.profileXml).map((v) => [v.name, v.profileXml]));
        assert.deepEqual(fromValues, table, `${c} -${p.name}`);
      }
    }
  });

  test('weak flags agree with crypto.json weak lists', () => {
    for (const c of IPSEC_CMDLETS) {
      for (const p of cmdlet(c).parameters.filter((x) => x.profileXmlElement)) {
        const element = p.profileXmlElement as SuiteElement;
        const psNames = new Set((p.values ?? []).map((v) => v.name));
        const expected = CRYPTO.weak[element].filter((w) => psNames.has(w)).sort();
        const flagged = (p.values ?? [])
          .filter((v) => v.weak)
          .map((v) => v.name)
          .sort();
        assert.deepEqual(flagged, expected, `${c} -${p.name}`);
      }
    }
  });

  test('every baseline value (and the GCM variant) is a valid value of its parameter', () => {
    const toPowerShell = (element: SuiteElement, xml: string): string => {
      return spellingDifferences(element).find(([, x]) => x === xml)?.[0] ?? xml;
    };
    for (const c of IPSEC_CMDLETS) {
      for (const suite of [CRYPTO.baseline, CRYPTO.gcmBaseline]) {
        for (const element of SIX) {
          const p = param(cmdlet(c), element);
          const value = toPowerShell(element, suite[element]);
          const r = valueMatches(p, value);
          assert.ok(r.ok && r.canonical === value, `${c} -${element} ${value}: ${JSON.stringify(r)}`);
          assert.ok(!p.values?.find((v) => v.name === value)?.weak, `${value} is not weak`);
        }
      }
    }
    const server = cmdlet('Set-VpnServerConfiguration');
    for (const [n, v] of [
      ['SALifeTimeSeconds', '28800'],
      ['MMSALifeTimeSeconds', '86400'],
      ['SADataSizeForRenegotiationKilobytes', '1024000'],
      ['SADataSizeForRenegotiationKilobytes', '102400'],
      ['IdleDisconnectSeconds', '300'],
    ]) {
      assert.ok(valueMatches(param(server, n), v).ok, `${n} ${v}`);
    }
  });
});

describe('parameter sets', () => {
  test('Set-VpnConnectionIPsecConfiguration: all six in CustomPolicy, or -RevertToDefault', () => {
    const c = cmdlet('Set-VpnConnectionIPsecConfiguration');
    assert.deepEqual(c.parameterSets, ['Default', 'CustomPolicy']);
    for (const n of SIX) {
      const p = param(c, n);
      assert.deepEqual(setsOfParameter(c, p), ['CustomPolicy'], n);
      assert.ok(isMandatoryIn(p, 'CustomPolicy'), `${n} mandatory`);
    }
    const revert = param(c, 'RevertToDefault');
    assert.deepEqual(setsOfParameter(c, revert), ['Default']);
    assert.ok(isMandatoryIn(revert, 'Default'));
    assert.deepEqual(setsOfParameter(c, param(c, 'PassThru')), ['CustomPolicy'], '-PassThru only with the six');
    const name = param(c, 'ConnectionName');
    assert.ok(isMandatoryIn(name, 'Default') && isMandatoryIn(name, 'CustomPolicy'));
    assert.deepEqual(name.aliases, ['Name']);
  });

  test('Set-VpnServerConfiguration: crypto only with -CustomPolicy, each optional; RevertToDefault keeps only -TunnelType/-PassThru', () => {
    const c = cmdlet('Set-VpnServerConfiguration');
    assert.deepEqual(c.parameterSets, ['EncryptionType', 'RevertToDefault', 'CustomPolicy']);
    assert.equal(c.defaultParameterSet, 'EncryptionType');
    for (const n of SIX) {
      const p = param(c, n);
      assert.deepEqual(setsOfParameter(c, p), ['CustomPolicy'], n);
      assert.ok(!isMandatoryIn(p, 'CustomPolicy'), `${n} optional inside CustomPolicy`);
    }
    assert.ok(isMandatoryIn(param(c, 'CustomPolicy'), 'CustomPolicy'));
    assert.deepEqual(setsOfParameter(c, param(c, 'EncryptionType')), ['EncryptionType']);
    const inRevert = c.parameters
      .filter((p) => setsOfParameter(c, p).includes('RevertToDefault'))
      .map((p) => p.name)
      .sort();
    assert.deepEqual(inRevert, ['PassThru', 'RevertToDefault', 'TunnelType']);
    assert.deepEqual(param(c, 'SALifeTimeSeconds').aliases, ['LifeTimeSeconds', 'QMSALifeTimeSeconds']);
    assert.equal(param(c, 'SALifeTimeSeconds').min, 300);
    assert.equal(param(c, 'SALifeTimeSeconds').max, 17279999);
    assert.equal(param(c, 'SADataSizeForRenegotiationKilobytes').min, 1024);
    assert.equal(param(c, 'MMSALifeTimeSeconds').min, undefined, 'no documented range');
  });
});

describe('lookups', () => {
  test('findCmdlet is case-insensitive and knows the Server 2012 names, modules and script paths', () => {
    assert.equal(findCmdlet('set-vpnconnectionipsecconfiguration')?.name, 'Set-VpnConnectionIPsecConfiguration');
    assert.equal(findCmdlet('Set-VpnServerIPsecConfiguration')?.name, 'Set-VpnServerConfiguration');
    assert.equal(findCmdlet('GET-VPNSERVERIPSECCONFIGURATION')?.name, 'Get-VpnServerConfiguration');
    assert.equal(findCmdlet('VpnClient\\Add-VpnConnection')?.name, 'Add-VpnConnection');
    assert.equal(findCmdlet('RemoteAccess\\Add-VpnConnection'), undefined);
    assert.equal(findCmdlet('.\\Enable-SstpOffload.ps1')?.name, 'Enable-SstpOffload');
    assert.equal(findCmdlet('C:\\Scripts\\enable-sstpoffload.ps1')?.name, 'Enable-SstpOffload');
    assert.equal(findCmdlet('.\\Add-VpnConnection.ps1'), undefined, 'only script entries match script paths');
    assert.equal(findCmdlet('Get-Process'), undefined);
  });

  test('isVpnCommand', () => {
    assert.equal(isVpnCommand('Set-VpnServerConfiguration'), true);
    assert.equal(isVpnCommand('add-vpnconnection'), true);
    assert.equal(isVpnCommand('Set-VpnConnectionUsernamePassword'), true);
    assert.equal(isVpnCommand('New-ItemProperty'), false);
    assert.equal(isVpnCommand('Restart-Service'), false);
    assert.equal(isVpnCommand('Write-Host'), false);
  });

  test('parametersOf lists declared parameters first, then CIM, WhatIf/Confirm and common ones', () => {
    const names = parametersOf(cmdlet('Set-VpnConnectionIPsecConfiguration')).map((p) => `${p.kind}:${p.name}`);
    assert.ok(names.indexOf('declared:DHGroup') < names.indexOf('cim:CimSession'));
    assert.ok(names.indexOf('cim:CimSession') < names.indexOf('shouldProcess:WhatIf'));
    assert.ok(names.indexOf('shouldProcess:WhatIf') < names.indexOf('common:Verbose'));
  });
});

describe('registry.json', () => {
  test('shape', () => {
    for (const v of REGISTRY.values) {
      assert.ok(REGISTRY.hiveAliases[v.hive], `${v.name}: hive`);
      assert.ok(REGISTRY.propertyTypes[v.type], `${v.name}: type ${v.type}`);
      assert.equal(REGISTRY.propertyTypes[v.type], v.regType, `${v.name}: regType`);
      assert.ok(v.doc && v.sources.length > 0 && ['server', 'client', 'nps'].includes(v.where), v.name);
      assert.ok(v.restart === null || typeof v.restart === 'string', v.name);
      assert.ok(v.psPath.startsWith('HKLM:\\'), v.name);
      assert.equal(normaliseRegistryKey(v.psPath)?.canonical, `${v.hive}\\${v.subkey}`.toLowerCase(), `${v.name}: psPath and subkey agree`);
    }
  });

  test('the values of the security baseline and the load-balancing and offload articles', () => {
    const ikev2 = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\';
    const frag = findRegistryValue(ikev2, 'EnableServerFragmentation');
    assert.equal(frag?.type, 'DWord');
    assert.equal(frag?.expected, 1);
    assert.equal(frag?.restart, 'RemoteAccess');
    assert.ok(frag?.sources.includes('hicks-ikev2-fragmentation'));
    const crl = findRegistryValue(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\IKEV2',
      'certauthflags',
    );
    assert.equal(crl?.type, 'DWord');
    assert.equal(crl?.expected, 4);
    assert.ok(crl?.sources.includes('hicks-ikev2-security'));
    const sa = findRegistryValue('HKLM:SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters\\', 'IkeNumEstablishedForInitialQuery');
    assert.equal(sa?.type, 'DWord');
    assert.equal(sa?.recommended, 50000);
    assert.equal(sa?.restart, 'IKEEXT');
    assert.ok(sa?.sources.includes('hicks-ikev2-load-balancing-nat'));
    const hash = findRegistryValue('HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters', 'SHA256CertificateHash');
    assert.equal(hash?.type, 'Binary');
    assert.equal(hash?.byteLength, 32);
    assert.equal(hash?.restart, 'RemoteAccess');
    assert.ok(hash?.sources.includes('hicks-sstp-ssl-offload'));
    assert.equal(findRegistryValue(ikev2, 'IkeNumEstablishedForInitialQuery'), undefined, 'a value name under another key is not a match');
  });

  test('normaliseRegistryKey accepts every spelling the scripts use', () => {
    const expected = 'hkey_local_machine\\system\\currentcontrolset\\services\\remoteaccess\\parameters\\ikev2';
    for (const k of [
      'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\',
      'HKLM:SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2',
      'hklm:/SYSTEM/CurrentControlSet/Services/RemoteAccess/Parameters/IKEV2',
      'HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2',
      'Registry::HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2',
      'Microsoft.PowerShell.Core\\Registry::HKLM\\SYSTEM\\\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2',
    ])
      assert.equal(normaliseRegistryKey(k)?.canonical, expected, k);
    assert.equal(normaliseRegistryKey('C:\\Windows'), undefined);
    assert.equal(normaliseRegistryKey('HKLMX\\SYSTEM'), undefined);
    assert.equal(normaliseRegistryKey('$RegPath'), undefined);
  });

  test('registryPropertyType', () => {
    assert.equal(registryPropertyType('DWORD'), 'DWord');
    assert.equal(registryPropertyType('binary'), 'Binary');
    assert.equal(registryPropertyType('REG_DWORD'), undefined);
  });
});
