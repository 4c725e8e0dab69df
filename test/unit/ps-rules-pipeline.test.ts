/**
 * ps-pipeline-unbound-key (rule catalogue "Added in the second round"): a key of a hashtable
 * piped in as an object that binds to no parameter. Binding by property name needs the
 * parameter's name or an alias (Microsoft Learn, ParameterAttribute.ValueFromPipelineByPropertyName:
 * "the same name as the parameter or an alias of the parameter"); Hicks'
 * Set-IKEv2VpnSecurityBaseline.ps1 feeds Set-VpnServerConfiguration this way.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { powerShellReady } from '../helpers/service';
import { psApplyFix, psFindings, psFixAll, psFixes, psLint } from '../fixtures/powershell/harness';

before(() => powerShellReady);

const RULE = 'ps-pipeline-unbound-key';
const RESTART = 'Restart-Service RemoteAccess -PassThru\n';
/** Hicks' idiom: the six IPsec values in a hashtable, cast and piped. */
const baseline = (keys: Record<string, string> = {}): string => {
  const entries: Record<string, string> = {
    AuthenticationTransformConstants: 'GCMAES128',
    CipherTransformConstants: 'GCMAES128',
    DHGroup: 'Group14',
    EncryptionMethod: 'GCMAES128',
    IntegrityCheckMethod: 'SHA256',
    PfsGroup: 'ECP256',
  };
  const lines = Object.entries(entries).map(([k, v]) => `    ${keys[k] ?? k} = '${v}'`);
  return `$Parameters = @{\n${lines.join('\n')}\n}\n[PSCustomObject]$Parameters | Set-VpnServerConfiguration -CustomPolicy\n${RESTART}`;
};

describe('ps-pipeline-unbound-key', () => {
  it('reports a misspelt key of a piped [PSCustomObject] at the key, and renames it to the parameter (exact text)', () => {
    const text = baseline({ PfsGroup: 'PFSGroupp' });
    const [f, ...rest] = psFindings(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(f.text, 'PFSGroupp');
    assert.equal(f.range, '6:4-6:13');
    assert.equal(f.severity, 2);
    assert.equal(f.source, 'aovpn-powershell');
    assert.match(f.message, /`PFSGroupp` is not a parameter name or alias of Set-VpnServerConfiguration/);
    assert.match(f.message, /PowerShell ignores this property without a word/);
    assert.match(f.message, /Rename the key to `PfsGroup`/);
    const fixed = psApplyFix(text, RULE);
    assert.equal(fixed, baseline());
    assert.deepEqual(psLint(fixed), [], 'once renamed the key binds: the policy is complete');
    // The rename is the preferred fix; ps-partial-custom-policy does not also add -PfsGroup (the key gives it).
    assert.deepEqual(psFindings(text, 'ps-partial-custom-policy'), []);
    assert.equal(psFixAll(text), baseline());
  });

  it('reports an abbreviation, which the command line accepts but binding by property name does not', () => {
    const text = baseline({ IntegrityCheckMethod: 'IntegrityCheck' });
    const [f] = psFindings(text, RULE);
    assert.equal(f.text, 'IntegrityCheck');
    assert.match(f.message, /no abbreviations or partial names, unlike the command line/);
    assert.equal(psApplyFix(text, RULE), baseline());
    // The same abbreviation on the command line binds.
    assert.deepEqual(psFindings('Set-VpnServerConfiguration -CustomPolicy -IntegrityCheck SHA256\n' + RESTART, RULE), []);
  });

  it('keeps the quotes of a quoted key, and reads keys added later ($p.Key = …)', () => {
    const text = "$p = @{ 'ConnectionName' = 'Contoso'; 'ProxyServr' = 'proxy.example.com:8080' }\n$p.BypassProxyForLoca = $true\n[PSCustomObject]$p | Set-VpnConnectionProxy\n";
    const found = psFindings(text, RULE);
    assert.deepEqual(found.map((f) => f.text), ["'ProxyServr'", 'BypassProxyForLoca']);
    assert.equal(psApplyFix(text, RULE), text.replace("'ProxyServr'", "'ProxyServer'"));
    assert.equal(psApplyFix(text, RULE, undefined, 1), text.replace('$p.BypassProxyForLoca', '$p.BypassProxyForLocal'));
  });

  it('reads New-Object PSObject -Property @{ … } piped in (PowerShell 2 style), abbreviated parameters included', () => {
    const text = "New-Object -Type PSObject -Prop @{ Name = 'Contoso'; ProxySever = 'proxy.example.com:8080' } | Set-VpnConnectionProxy\n";
    const [f] = psFindings(text, RULE);
    assert.equal(f.text, 'ProxySever');
    assert.equal(psApplyFix(text, RULE), text.replace('ProxySever', 'ProxyServer'));
    const positional = "$props = @{ ConnectionName = 'Contoso'; AutoDetect = $true }\nNew-Object PSObject -Property $props | Set-VpnConnectionProxy\n";
    assert.deepEqual(psFindings(positional, RULE), [], 'Name is an alias of ConnectionName; both keys bind');
    assert.deepEqual(psFindings(positional.replace('AutoDetect', 'AutoDetekt'), RULE).map((x) => x.text), ['AutoDetekt']);
  });

  it('reports a key naming a parameter that does not take pipeline input by property name (-PassThru, common parameters), without a rename', () => {
    const text = baseline().replace("    PfsGroup = 'ECP256'", "    PfsGroup = 'ECP256'\n    PassThru = $true\n    Verbose = $true");
    const found = psFindings(text, RULE);
    assert.deepEqual(found.map((f) => f.text), ['PassThru', 'Verbose']);
    assert.match(found[0].message, /names -PassThru of Set-VpnServerConfiguration, but that parameter does not take pipeline input by property name/);
    assert.match(found[0].message, /Give it on the command line instead \(-PassThru\)/);
    assert.deepEqual(psFixes(text, RULE), []);
  });

  it('reports a key the command line already gives: the command line wins', () => {
    const text = baseline().replace('Set-VpnServerConfiguration -CustomPolicy', 'Set-VpnServerConfiguration -CustomPolicy -DHGroup ECP256');
    const [f, ...rest] = psFindings(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(f.text, 'DHGroup');
    assert.match(f.message, /the command line of Set-VpnServerConfiguration already gives: PowerShell binds the command line's value and skips this property/);
  });

  it('says the object is rejected when none of its keys binds', () => {
    const text = "[PSCustomObject]@{ Connection = 'Contoso'; Proxy = 'proxy.example.com:8080' } | Set-VpnConnectionProxy\n";
    const found = psFindings(text, RULE);
    assert.deepEqual(found.map((f) => f.text), ['Connection', 'Proxy']);
    assert.match(found[0].message, /cannot be bound to any parameters/);
    // `Connection` abbreviates -ConnectionName, `Proxy` abbreviates -ProxyServer alone.
    assert.equal(psApplyFix(text, RULE), text.replace('Connection =', 'ConnectionName ='));
    assert.equal(psApplyFix(text, RULE, undefined, 1), text.replace('Proxy =', 'ProxyServer ='));
  });

  it('is silent on exact names and aliases in any case, on splatting (which takes abbreviations), and on a hashtable piped without a cast', () => {
    assert.deepEqual(psFindings(baseline(), RULE), []);
    assert.deepEqual(psFindings(baseline({ PfsGroup: 'pfsgroupid', EncryptionMethod: 'ENCRYPTION' }), RULE), [], 'PfsGroupId and Encryption are aliases');
    const splat = "$p = @{ DHG = 'Group14'; Encryption = 'AES128'; IntegrityCheck = 'SHA256' }\nSet-VpnServerConfiguration @p -CustomPolicy\n" + RESTART;
    assert.deepEqual(psFindings(splat, RULE), []);
    const uncast = "@{ ConnectionName = 'Contoso'; ProxyServr = 'proxy:8080' } | Set-VpnConnectionProxy\n";
    assert.deepEqual(psFindings(uncast, RULE), [], 'a plain hashtable has no such properties: another mistake, not this rule');
    assert.deepEqual(psFindings("[PSCustomObject]@{ Nmae = 'x' } | Write-Output\n", RULE), [], 'not a VPN cmdlet');
    // Broken text the parser reads as a key: no "did you mean" on a guess (found by the fix round-trip test).
    assert.deepEqual(psFindings(baseline().replace("    PfsGroup = 'ECP256'", "    PfsGroup    72.144.0.0   = 'ECP256'"), RULE), []);
  });
});
