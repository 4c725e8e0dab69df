/**
 * ps-proxy-split-tunnel (rule catalogue "Added in the second round"): Set-VpnConnectionProxy on a
 * connection the script makes split tunnel. Microsoft's Set-VpnConnectionProxy page and "VPN
 * profile options": the proxy applies only to force-tunnel connections. Only what the script
 * proves is reported.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { powerShellReady, script, service } from '../helpers/service';
import { psFindings } from '../fixtures/powershell/harness';

before(() => powerShellReady);

const RULE = 'ps-proxy-split-tunnel';
const ADD = "Add-VpnConnection -Name 'Contoso VPN' -ServerAddress vpn.example.com -TunnelType Ikev2 -AuthenticationMethod MachineCertificate";
const PROXY = "Set-VpnConnectionProxy -ConnectionName 'Contoso VPN' -ProxyServer 'proxy.example.com:8080'";

describe('ps-proxy-split-tunnel', () => {
  it('reports the proxy of a connection created with -SplitTunneling, at Set-VpnConnectionProxy, related to the switch (Microsoft: proxy only with force tunnel)', () => {
    const text = `${ADD} -SplitTunneling\n${PROXY.replace("'Contoso VPN'", "'contoso vpn'")}\n`;
    const d = script(text);
    const found = service.validate(d).filter((x) => x.code === RULE);
    assert.equal(found.length, 1);
    const [f] = found;
    assert.equal(d.getText(f.range), 'Set-VpnConnectionProxy');
    assert.deepEqual(f.range.start, { line: 1, character: 0 });
    assert.equal(f.severity, 3);
    assert.equal(f.source, 'aovpn-powershell');
    const message = typeof f.message === 'string' ? f.message : '';
    assert.match(message, /sets a proxy for 'contoso vpn', which this script makes split tunnel \(line 1: Add-VpnConnection -SplitTunneling\)/);
    assert.match(message, /only with force tunnel/);
    assert.match(message, /Set-VpnConnectionProxy and "VPN profile options"/);
    const related = f.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(d.getText(related[0].location.range), '-SplitTunneling');
    assert.match(related[0].message, /made split tunnel here/);
  });

  it('follows Set-VpnConnection -SplitTunneling $true, a splatted Add-VpnConnection and names kept in variables', () => {
    const set = `Set-VpnConnection -Name 'Contoso VPN' -SplitTunneling $true\n${PROXY}\n`;
    assert.match(psFindings(set, RULE)[0].message, /line 1: Set-VpnConnection -SplitTunneling \$true/);
    const splat = "$Name = 'Contoso VPN'\n$p = @{ Name = $Name; ServerAddress = 'vpn.example.com'; SplitTunneling = $true }\nAdd-VpnConnection @p\nSet-VpnConnectionProxy -Name $Name -AutoConfigurationScript 'http://wpad/proxy.pac'\n";
    const [f] = psFindings(splat, RULE);
    assert.equal(f.text, 'Set-VpnConnectionProxy');
    assert.match(f.message, /line 2: Add-VpnConnection -SplitTunneling/);
    const value = `$split = 1\nSet-VpnConnection 'Contoso VPN' -SplitTunneling $split\n${PROXY}\n`;
    assert.equal(psFindings(value, RULE).length, 1, 'a positional name and a variable holding 1');
  });

  it('reads the state at the end of the script: a later -SplitTunneling $true also makes the proxy useless', () => {
    const text = `${ADD}\n${PROXY}\nSet-VpnConnection -Name 'Contoso VPN' -SplitTunneling $true\n`;
    assert.equal(psFindings(text, RULE).length, 1);
  });

  it('reports when the split setting and the proxy sit in the same branch', () => {
    const text = `if ($Split) {\n  ${ADD} -SplitTunneling\n  ${PROXY}\n}\n`;
    assert.equal(psFindings(text, RULE).length, 1);
  });

  it('is silent on force tunnel: created without -SplitTunneling, switched off with -SplitTunneling:$false, or set back with $false', () => {
    assert.deepEqual(psFindings(`${ADD}\n${PROXY}\n`, RULE), []);
    assert.deepEqual(psFindings(`${ADD} -SplitTunneling:$false\n${PROXY}\n`, RULE), []);
    assert.deepEqual(psFindings(`${ADD} -SplitTunneling\nSet-VpnConnection -Name 'Contoso VPN' -SplitTunneling $false\n${PROXY}\n`, RULE), []);
    assert.deepEqual(psFindings(`${ADD} -SplitTunneling\nRemove-VpnConnection -Name 'Contoso VPN' -Force\n${ADD}\n${PROXY}\n`, RULE), [], 'removed and created again as force tunnel');
  });

  it('is silent when the script does not prove it: another connection, names or values known only at run time, a conditional split, an unresolved splat', () => {
    assert.deepEqual(psFindings(`${ADD.replace('Contoso VPN', 'Other VPN')} -SplitTunneling\n${PROXY}\n`, RULE), []);
    assert.deepEqual(psFindings(`${PROXY}\n`, RULE), [], 'a connection the script does not configure');
    assert.deepEqual(psFindings(`$n = Read-Host\n${ADD.replace("'Contoso VPN'", '$n')} -SplitTunneling\nSet-VpnConnectionProxy -ConnectionName $n -ProxyServer 'proxy:8080'\n`, RULE), []);
    assert.deepEqual(psFindings(`${ADD}\nSet-VpnConnection -Name 'Contoso VPN' -SplitTunneling $Split\n${PROXY}\n`, RULE), []);
    assert.deepEqual(psFindings(`${ADD}\nif ($Split) { Set-VpnConnection -Name 'Contoso VPN' -SplitTunneling $true }\n${PROXY}\n`, RULE), [], 'the branch may not run');
    assert.deepEqual(psFindings(`function New-Split {\n  ${ADD} -SplitTunneling\n}\n${PROXY}\n`, RULE), [], 'a function body runs only when called');
    assert.deepEqual(psFindings(`${ADD} -SplitTunneling\nSet-VpnConnection @Options\n${PROXY}\n`, RULE), [], 'the splat may set it back');
    assert.deepEqual(psFindings(`${ADD} -SplitTunneling\nforeach ($c in $all) { Set-VpnConnection -Name $c -SplitTunneling $false }\n${PROXY}\n`, RULE), []);
  });
});
