/**
 * ps-proxy-split-tunnel (rule catalogue "Added in the second round"): Set-VpnConnectionProxy on a
 * connection the script makes split tunnel. Microsoft's Set-VpnConnectionProxy page and "VPN
 * profile options": the proxy applies only to force-tunnel connections. Only what the script
 * proves is reported.
 */
import type { RuleTable } from '../helpers/ruleTester';

const ADD =
  "Add-VpnConnection -Name 'Contoso VPN' -ServerAddress vpn.example.com -TunnelType Ikev2 -AuthenticationMethod MachineCertificate";
const PROXY = "Set-VpnConnectionProxy -ConnectionName 'Contoso VPN' -ProxyServer 'proxy.example.com:8080'";
const AT_PROXY = { text: 'Set-VpnConnectionProxy' };

const proxySplitTunnel: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-proxy-split-tunnel',
  valid: [
    { name: 'force tunnel: created without -SplitTunneling', code: `${ADD}\n${PROXY}\n` },
    { name: 'force tunnel: switched off with -SplitTunneling:$false', code: `${ADD} -SplitTunneling:$false\n${PROXY}\n` },
    {
      name: 'force tunnel: set back with $false',
      code: `${ADD} -SplitTunneling\nSet-VpnConnection -Name 'Contoso VPN' -SplitTunneling $false\n${PROXY}\n`,
    },
    {
      name: 'removed and created again as force tunnel',
      code: `${ADD} -SplitTunneling\nRemove-VpnConnection -Name 'Contoso VPN' -Force\n${ADD}\n${PROXY}\n`,
    },
    { name: 'another connection', code: `${ADD.replace('Contoso VPN', 'Other VPN')} -SplitTunneling\n${PROXY}\n` },
    { name: 'a connection the script does not configure', code: `${PROXY}\n` },
    {
      name: 'a name known only at run time',
      code: `$n = Read-Host\n${ADD.replace("'Contoso VPN'", '$n')} -SplitTunneling\nSet-VpnConnectionProxy -ConnectionName $n -ProxyServer 'proxy:8080'\n`,
    },
    { name: 'a value known only at run time', code: `${ADD}\nSet-VpnConnection -Name 'Contoso VPN' -SplitTunneling $Split\n${PROXY}\n` },
    {
      name: 'a conditional split: the branch may not run',
      code: `${ADD}\nif ($Split) { Set-VpnConnection -Name 'Contoso VPN' -SplitTunneling $true }\n${PROXY}\n`,
    },
    { name: 'a function body runs only when called', code: `function New-Split {\n  ${ADD} -SplitTunneling\n}\n${PROXY}\n` },
    { name: 'an unresolved splat may set it back', code: `${ADD} -SplitTunneling\nSet-VpnConnection @Options\n${PROXY}\n` },
    {
      name: 'a loop over connections known at run time sets it back',
      code: `${ADD} -SplitTunneling\nforeach ($c in $all) { Set-VpnConnection -Name $c -SplitTunneling $false }\n${PROXY}\n`,
    },
  ],
  invalid: [
    {
      name: 'reports the proxy of a connection created with -SplitTunneling, at Set-VpnConnectionProxy, related to the switch (Microsoft: proxy only with force tunnel)',
      code: `${ADD} -SplitTunneling\n${PROXY.replace("'Contoso VPN'", "'contoso vpn'")}\n`,
      findings: [
        {
          text: 'Set-VpnConnectionProxy',
          range: '1:0-1:22',
          severity: 'information',
          source: 'aovpn-powershell',
          message: [
            "sets a proxy for 'contoso vpn', which this script makes split tunnel (line 1: Add-VpnConnection -SplitTunneling)",
            'only with force tunnel',
            'Set-VpnConnectionProxy and "VPN profile options"',
          ],
          related: [{ text: '-SplitTunneling', message: ['made split tunnel here'] }],
        },
      ],
    },
    {
      name: 'follows Set-VpnConnection -SplitTunneling $true',
      code: `Set-VpnConnection -Name 'Contoso VPN' -SplitTunneling $true\n${PROXY}\n`,
      findings: [{ ...AT_PROXY, message: ['line 1: Set-VpnConnection -SplitTunneling $true'] }],
    },
    {
      name: 'follows a splatted Add-VpnConnection and names kept in variables',
      code: "$Name = 'Contoso VPN'\n$p = @{ Name = $Name; ServerAddress = 'vpn.example.com'; SplitTunneling = $true }\nAdd-VpnConnection @p\nSet-VpnConnectionProxy -Name $Name -AutoConfigurationScript 'http://wpad/proxy.pac'\n",
      findings: [{ ...AT_PROXY, message: ['line 2: Add-VpnConnection -SplitTunneling'] }],
    },
    {
      name: 'follows a positional name and a variable holding 1',
      code: `$split = 1\nSet-VpnConnection 'Contoso VPN' -SplitTunneling $split\n${PROXY}\n`,
      findings: [AT_PROXY],
    },
    {
      name: 'reads the state at the end of the script: a later -SplitTunneling $true also makes the proxy useless',
      code: `${ADD}\n${PROXY}\nSet-VpnConnection -Name 'Contoso VPN' -SplitTunneling $true\n`,
      findings: [AT_PROXY],
    },
    {
      name: 'reports when the split setting and the proxy sit in the same branch',
      code: `if ($Split) {\n  ${ADD} -SplitTunneling\n  ${PROXY}\n}\n`,
      findings: [AT_PROXY],
    },
  ],
};

export const TABLES: readonly RuleTable[] = [proxySplitTunnel];
