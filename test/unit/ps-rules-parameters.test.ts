/**
 * PowerShell binding rules (the PowerShell rules of docs/rules.md; binding.ts):
 * ps-unknown-parameter, ps-invalid-value, ps-switch-given-value, ps-missing-parameter,
 * ps-partial-custom-policy.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { powerShellReady, script, service } from '../helpers/service';
import { psLint, psApplyFix, psFindings, psFixes } from '../fixtures/powershell/harness';

before(() => powerShellReady);

const SERVER_BASELINE =
  'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n';

describe('ps-unknown-parameter', () => {
  it('reports a parameter the cmdlet does not have, with source and range', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName x -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGrop Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n';
    const [f, ...rest] = psFindings(text, 'ps-unknown-parameter');
    assert.equal(rest.length, 0);
    assert.equal(f.source, 'aovpn-powershell');
    assert.equal(f.text, '-DHGrop');
    assert.equal(f.range, '0:131-0:138');
    assert.match(f.message, /not a parameter of Set-VpnConnectionIPsecConfiguration/);
    assert.match(f.message, /Did you mean `-DHGroup`/);
  });

  it('fix: renames to the closest parameter, keeping the dash; the finding is gone', () => {
    const text = 'Set-VpnServerConfiguration -CustomPolicy -DHGrop Group14\n';
    const fixed = psApplyFix(text, 'ps-unknown-parameter');
    assert.equal(fixed, 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14\n');
    assert.equal(psFindings(fixed, 'ps-unknown-parameter').length, 0);
  });

  it('accepts an unambiguous abbreviation (-PFSgroup), all-lower-case names, aliases and common parameters', () => {
    const text =
      'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PFSgroup PFS2048 -SALifeTimeSeconds 28800 -MMSALifeTimeSeconds 86400 -SADataSizeForRenegotiationKilobytes 1024000\n' +
      'set-vpnserverconfiguration -custompolicy -authenticationtransformconstants sha256128 -ciphertransformconstants aes128 -dhgroup group14 -encryption aes128 -integritycheckmethod sha256 -pfs pfs2048 -Verbose -ErrorAction Stop\n' +
      'Restart-Service RemoteAccess -PassThru\n';
    assert.deepEqual(psLint(text), []);
  });

  it('reports an ambiguous abbreviation and offers each candidate, none preferred', () => {
    const text = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -SA 28800\nRestart-Service RemoteAccess\n`;
    const [f] = psFindings(text, 'ps-unknown-parameter');
    assert.equal(f.text, '-SA');
    assert.match(f.message, /ambiguous/);
    assert.match(f.message, /-SADataSizeForRenegotiationKilobytes or -SALifeTimeSeconds/);
    const fixes = psFixes(text, 'ps-unknown-parameter');
    assert.deepEqual(
      fixes.map((x) => [x.title, x.preferred]),
      [
        ['Change to -SADataSizeForRenegotiationKilobytes', false],
        ['Change to -SALifeTimeSeconds', false],
      ],
    );
    const fixed = psApplyFix(text, 'ps-unknown-parameter', '-SALifeTimeSeconds');
    assert.equal(fixed, text.replace('-SA 28800', '-SALifeTimeSeconds 28800'));
    assert.deepEqual(psFindings(fixed, 'ps-unknown-parameter'), []);
  });

  it('reports a splatted key that is no parameter, at the key, keeping its quotes in the fix', () => {
    const text = "$p = @{ 'ConnectionName' = 'VPN'; 'DestinationPrefx' = '10.0.0.0/8' }\nAdd-VpnConnectionRoute @p\n";
    const [f] = psFindings(text, 'ps-unknown-parameter');
    assert.equal(f.text, "'DestinationPrefx'");
    assert.match(f.message, /splatted key `DestinationPrefx`/);
    const fixed = psApplyFix(text, 'ps-unknown-parameter');
    assert.equal(fixed, "$p = @{ 'ConnectionName' = 'VPN'; 'DestinationPrefix' = '10.0.0.0/8' }\nAdd-VpnConnectionRoute @p\n");
    assert.deepEqual(psLint(fixed), []);
  });

  it('reports a bad key of a hashtable splatted into two commands once', () => {
    const text = "$p = @{ ConnectionName = 'VPN'; DestinationPrefx = '10.0.0.0/8' }\nAdd-VpnConnectionRoute @p\nRemove-VpnConnectionRoute @p\n";
    assert.equal(psFindings(text, 'ps-unknown-parameter').length, 1);
  });

  it('leaves unverified parameters, simple functions and ordinary commands alone', () => {
    const text =
      "Add-VpnConnectionTriggerDnsConfiguration -ConnectionName VPN -DnsSuffix corp.example.net -AllUserConnection -Force\n" +
      "Set-VpnConnectionUsernamePassword -connectionname VPN -username u -password $pw -Whatif\n" +
      'Get-ChildItem -Pth C:\\\n';
    assert.deepEqual(psFindings(text, 'ps-unknown-parameter'), []);
  });
});

describe('ps-invalid-value', () => {
  it('reports a value outside the enumeration with the closest one (ProfileXML spelling → PowerShell spelling)', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName x -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod AES_GCM_128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256 -Force\n';
    const [f, ...rest] = psFindings(text, 'ps-invalid-value');
    assert.equal(rest.length, 0);
    assert.equal(f.text, 'AES_GCM_128');
    assert.equal(f.source, 'aovpn-powershell');
    assert.match(f.message, /not a value of -EncryptionMethod/);
    assert.match(f.message, /Did you mean `GCMAES128`/);
    const fixed = psApplyFix(text, 'ps-invalid-value');
    assert.equal(fixed, text.replace('AES_GCM_128', 'GCMAES128'));
    assert.deepEqual(psLint(fixed), []);
  });

  it('keeps the quotes of a quoted value in the fix', () => {
    const text = "Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType 'IKEv3'\n";
    const [f] = psFindings(text, 'ps-invalid-value');
    assert.equal(f.text, "'IKEv3'");
    const fixed = psApplyFix(text, 'ps-invalid-value');
    assert.equal(fixed, "Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType 'Ikev2'\n");
    assert.deepEqual(psLint(fixed), []);
  });

  it('reports a number outside the documented range and clamps it', () => {
    const text = `Set-VpnServerConfiguration -SALifeTimeSeconds 100\nRestart-Service RemoteAccess -PassThru\n`;
    const [f] = psFindings(text, 'ps-invalid-value');
    assert.equal(f.text, '100');
    assert.match(f.message, /300 to 17279999/);
    const fixed = psApplyFix(text, 'ps-invalid-value');
    assert.equal(fixed, 'Set-VpnServerConfiguration -SALifeTimeSeconds 300\nRestart-Service RemoteAccess -PassThru\n');
    assert.deepEqual(psFindings(fixed, 'ps-invalid-value'), []);
  });

  it('accepts other case, quoted numbers for UInt32 and values computed at run time', () => {
    const text =
      "Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants 'sha256128' -CipherTransformConstants aes128 -DHGroup GROUP14 -EncryptionMethod $enc -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -SALifeTimeSeconds '28800'\nRestart-Service RemoteAccess -PassThru\n";
    assert.deepEqual(psFindings(text, 'ps-invalid-value'), []);
  });

  it('checks values arriving through a splatted hashtable', () => {
    const text = "$route = @{ ConnectionName = 'VPN'; DestinationPrefix = '10.0.0.0/8'; RouteMetric = -1 }\nAdd-VpnConnectionRoute @route\n";
    const [f] = psFindings(text, 'ps-invalid-value');
    assert.equal(f.text, '-1');
    assert.match(f.message, /UInt32/);
  });
});

describe('ps-switch-given-value', () => {
  it('catches -SplitTunneling $false on Add-VpnConnection (a switch) and says where $false lands', () => {
    const text = 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType Ikev2 -SplitTunneling $false\n';
    const [f, ...rest] = psFindings(text, 'ps-switch-given-value');
    assert.equal(rest.length, 0);
    assert.equal(f.text, '-SplitTunneling');
    assert.equal(f.source, 'aovpn-powershell');
    assert.match(f.message, /switch on Add-VpnConnection/);
    assert.match(f.message, /stays on/);
    assert.match(f.message, /-SplitTunneling:\$false/);
    // The $false is not also reported as a bad value of the parameter it lands on.
    assert.deepEqual(psFindings(text, 'ps-invalid-value'), []);
  });

  it('fix: -Switch:$false; the finding is gone', () => {
    const text = 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -SplitTunneling $false -AllUserConnection\n';
    const fixed = psApplyFix(text, 'ps-switch-given-value');
    assert.equal(fixed, 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -SplitTunneling:$false -AllUserConnection\n');
    assert.deepEqual(psLint(fixed), []);
  });

  it('reports a Boolean parameter of Set-VpnConnection written without a value; fix adds $true', () => {
    const text = 'Set-VpnConnection -Name VPN -SplitTunneling -PassThru\n';
    const [f] = psFindings(text, 'ps-switch-given-value');
    assert.equal(f.text, '-SplitTunneling');
    assert.match(f.message, /Boolean on Set-VpnConnection, not a switch/);
    const fixed = psApplyFix(text, 'ps-switch-given-value');
    assert.equal(fixed, 'Set-VpnConnection -Name VPN -SplitTunneling $true -PassThru\n');
    assert.deepEqual(psLint(fixed), []);
  });

  it('leaves -Switch:$false, Booleans with values and bare switches alone', () => {
    const text =
      'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -SplitTunneling:$false -RememberCredential\n' +
      'Set-VpnConnection -Name VPN -SplitTunneling $true -RememberCredential $false\n';
    assert.deepEqual(psFindings(text, 'ps-switch-given-value'), []);
  });
});

describe('ps-missing-parameter', () => {
  it('reports Set-VpnConnectionIPsecConfiguration with only some of the six IPsec parameters', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -DHGroup Group14 -PfsGroup PFS2048 -Force\n';
    const [f, ...rest] = psFindings(text, 'ps-missing-parameter');
    assert.equal(rest.length, 0);
    assert.equal(f.text, 'Set-VpnConnectionIPsecConfiguration');
    assert.equal(f.source, 'aovpn-powershell');
    assert.match(f.message, /-AuthenticationTransformConstants, -CipherTransformConstants, -EncryptionMethod and -IntegrityCheckMethod/);
    assert.match(f.message, /-RevertToDefault/);
  });

  it('fix: appends the missing ones with the baseline values; the finding is gone', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -DHGroup Group14 -PfsGroup PFS2048 -Force\n';
    const fixed = psApplyFix(text, 'ps-missing-parameter');
    assert.equal(
      fixed,
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -DHGroup Group14 -PfsGroup PFS2048 -Force -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256\n',
    );
    assert.deepEqual(psLint(fixed), []);
  });

  it('fix keeps backtick continuations and follows a GCM partner for the ESP pair', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN `\r\n    -CipherTransformConstants GCMAES256 `\r\n    -Force\r\n';
    const fixed = psApplyFix(text, 'ps-missing-parameter');
    assert.equal(
      fixed,
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN `\r\n    -CipherTransformConstants GCMAES256 `\r\n    -Force `\r\n    -AuthenticationTransformConstants GCMAES256 `\r\n    -DHGroup Group14 `\r\n    -EncryptionMethod AES128 `\r\n    -IntegrityCheckMethod SHA256 `\r\n    -PfsGroup PFS2048\r\n',
    );
    assert.deepEqual(psFindings(fixed, 'ps-missing-parameter'), []);
  });

  it('reports the connection name alone (neither the six nor -RevertToDefault)', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -Force\n';
    const [f] = psFindings(text, 'ps-missing-parameter');
    assert.match(f.message, /-RevertToDefault \(Default set\) or -AuthenticationTransformConstants/);
    const fixed = psApplyFix(text, 'ps-missing-parameter');
    assert.equal(
      fixed,
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -Force -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\n',
    );
    assert.deepEqual(psLint(fixed), []);
  });

  it('reports server IPsec parameters without -CustomPolicy; fix adds the switch after the name', () => {
    const text = 'Set-VpnServerConfiguration -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n';
    const [f] = psFindings(text, 'ps-missing-parameter');
    assert.equal(f.text, 'Set-VpnServerConfiguration');
    assert.match(f.message, /only in the CustomPolicy parameter set/);
    const fixed = psApplyFix(text, 'ps-missing-parameter');
    assert.equal(fixed, text.replace('Set-VpnServerConfiguration -', 'Set-VpnServerConfiguration -CustomPolicy -'));
    assert.deepEqual(psLint(fixed), []);
  });

  it('reports mixed parameter sets at the parameter outside the chosen set', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n';
    const [f] = psFindings(text, 'ps-missing-parameter');
    assert.equal(f.text, '-RevertToDefault');
    assert.match(f.message, /cannot be combined/);
  });

  it('never fires when parameters arrive by splatting or by pipeline', () => {
    const text =
      '$ipsec = Import-PowerShellDataFile .\\ipsec.psd1\n' +
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN @ipsec -Force\n' +
      "$p = @{ DHGroup = 'Group14' }\n" +
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN @p -Force\n' +
      'Import-Csv .\\policy.csv | Set-VpnConnectionIPsecConfiguration -Force\n' +
      "[PSCustomObject]@{ ConnectionName = 'VPN'; DHGroup = 'Group14' } | Set-VpnConnectionIPsecConfiguration -Force\n";
    assert.deepEqual(psFindings(text, 'ps-missing-parameter'), []);
  });

  it('accepts the complete forms', () => {
    const text =
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -Force\n' +
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n';
    assert.deepEqual(psFindings(text, 'ps-missing-parameter'), []);
  });
});

describe('ps-partial-custom-policy', () => {
  it('warns about a custom policy with fewer than six IPsec parameters, at -CustomPolicy', () => {
    const text = 'Set-VpnServerConfiguration -TunnelType IKEV2 -CustomPolicy -DHGroup Group14 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n';
    const [f, ...rest] = psFindings(text, 'ps-partial-custom-policy');
    assert.equal(rest.length, 0);
    assert.equal(f.text, '-CustomPolicy');
    assert.equal(f.severity, 2);
    assert.match(f.message, /2 of the 6 IPsec parameters/);
    assert.match(f.message, /13868/);
  });

  it('fix: appends the missing ones with the baseline values', () => {
    const text = 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n';
    const fixed = psApplyFix(text, 'ps-partial-custom-policy');
    assert.equal(
      fixed,
      'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14 -PfsGroup PFS2048 -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256\nRestart-Service RemoteAccess -PassThru\n',
    );
    assert.deepEqual(psLint(fixed), []);
  });

  it('counts values piped in by property name (the Hicks idiom) and stays quiet when the input is unknown', () => {
    const text =
      "$Parameters = @{ AuthenticationTransformConstants = 'SHA256128'; CipherTransformConstants = 'AES128'; DHGroup = 'Group14'; EncryptionMethod = 'AES128'; IntegrityCheckMethod = 'SHA256'; PFSgroup = 'PFS2048'; SALifeTimeSeconds = '28800' }\n" +
      '[PSCustomObject]$Parameters | Set-VpnServerConfiguration -CustomPolicy\n' +
      '$fromFile | Set-VpnServerConfiguration -CustomPolicy\n' +
      'Restart-Service RemoteAccess -PassThru\n';
    assert.deepEqual(psFindings(text, 'ps-partial-custom-policy'), []);
    assert.deepEqual(psFindings(SERVER_BASELINE, 'ps-partial-custom-policy'), []);
  });

  it('reports a pipeline hashtable that lacks some of the six', () => {
    const text = "[PSCustomObject]@{ DHGroup = 'Group14'; PfsGroup = 'PFS2048' } | Set-VpnServerConfiguration -CustomPolicy\nRestart-Service RemoteAccess -PassThru\n";
    const [f] = psFindings(text, 'ps-partial-custom-policy');
    assert.match(f.message, /2 of the 6/);
  });
});

// Regressions found by the safe-edit property test (test/corpus/fix-roundtrip.test.ts).
describe('parameter fixes stay inside what the parser read cleanly', () => {
  it('ps-partial-custom-policy: no parameters appended to a command whose quote runs on', () => {
    const text = "Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod GCMAES128@' -I\nWrite-Host 'done'\n";
    assert.equal(psFindings(text, 'ps-partial-custom-policy').length, 1);
    assert.deepEqual(psFixes(text, 'ps-partial-custom-policy'), []);
  });
  it('ps-invalid-value: a value over several lines (an unclosed quote) is not replaced, which would delete the lines', () => {
    const text = "Set-VpnServerConfiguration -EncryptionType OptionalEnc'@yption\nSet-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN'\n";
    assert.equal(psFindings(text, 'ps-invalid-value').length, 1);
    assert.deepEqual(psFixes(text, 'ps-invalid-value'), []);
  });
  it('ps-partial-custom-policy: appended parameters do not run into a comment glued to the command', () => {
    const text = "Set-VpnServerConfiguration -CustomPolicy# no suite yet\nRestart-Service RemoteAccess -PassThru\n";
    const fixed = psApplyFix(text, 'ps-partial-custom-policy');
    assert.equal(
      fixed,
      'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 # no suite yet\nRestart-Service RemoteAccess -PassThru\n',
    );
    assert.deepEqual(psFindings(fixed, 'ps-partial-custom-policy'), []);
  });
  it('ps-invalid-value: no replacement for a value that opens a quote it never closes', () => {
    const text = "Set-VpnAuthProtocol -UserAuthProtocolAccepted 'Certificat -RootCertificateNameToAccept $root\n";
    assert.equal(psFindings(text, 'ps-invalid-value').length, 1);
    assert.deepEqual(psFixes(text, 'ps-invalid-value'), []);
  });
  it('"Disable … for this line" is not offered on a backtick continuation line (the comment line would cut the command in two)', () => {
    const text = "Set-VpnConnectionIPsecConfiguration -ConnectionName 'Always On VPN' `\n\t-AuthenticationTransformKonstants GCMAES128 -Force\n";
    const d = script(text);
    const diagnostic = service.validate(d).find((x) => x.code === 'ps-unknown-parameter')!;
    assert.equal(diagnostic.range.start.line, 1);
    const titles = service.codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }).map((a) => a.title);
    assert.ok(titles.includes('Change to -AuthenticationTransformConstants'));
    assert.ok(!titles.includes('Disable ps-unknown-parameter for this line'), titles.join(' | '));
    // On the command's first line it is offered as before.
    const oneLine = "Set-VpnConnectionIPsecConfiguration -ConnectionName 'x' -AuthenticationTransformKonstants GCMAES128 -Force\n";
    const d1 = script(oneLine);
    const first = service.validate(d1).find((x) => x.code === 'ps-unknown-parameter')!;
    assert.ok(service.codeActions(d1, first.range, { diagnostics: [first], only: ['quickfix'] }).some((a) => a.title === 'Disable ps-unknown-parameter for this line'));
  });
});
