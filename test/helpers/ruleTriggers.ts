import type { Settings } from '../../server/src/service/settings';

/**
 * Hand-made inputs that, between them, make every rule report at least once: the user-text test
 * drives the language service over them (with the fixtures and snippets) to read every message
 * a user can see. Each case is a document, optionally with other files in the workspace index
 * (the rules across files) and with settings (deployment-specific rules, the target Windows).
 */
export interface RuleTrigger {
  /** What the case exercises, for failure messages. */
  name: string;
  uri: string;
  text: string;
  settings?: Partial<Settings>;
  /** Other files of the workspace, indexed before the document is validated. */
  workspace?: { uri: string; text: string }[];
}

const SUITE = `<CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES128</EncryptionMethod>
    </CryptographySuite>`;

/** A user tunnel with an EAP user method, routes and NRPT: the base most cases change one thing in. */
function userTunnel(
  opts: { top?: string; native?: string; protocol?: string; suite?: string; auth?: string; routing?: string; extra?: string } = {},
): string {
  return `<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DnsSuffix>corp.example.com</DnsSuffix>
  <TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>${opts.top ?? ''}
  <NativeProfile>
    <Servers>vpn.example.com;vpn.example.com</Servers>
    <RoutingPolicyType>${opts.routing ?? 'SplitTunnel'}</RoutingPolicyType>
    <NativeProtocolType>${opts.protocol ?? 'IKEv2'}</NativeProtocolType>
    <Authentication>
      ${opts.auth ?? '<MachineMethod>Certificate</MachineMethod>'}
    </Authentication>
    ${opts.suite ?? SUITE}
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>${opts.native ?? ''}
  </NativeProfile>
  <Route>
    <Address>10.0.0.0</Address>
    <PrefixSize>8</PrefixSize>
  </Route>${opts.extra ?? ''}
</VPNProfile>
`;
}

function deviceTunnel(
  opts: { top?: string; protocol?: string; auth?: string; routing?: string; extra?: string; alwaysOn?: string } = {},
): string {
  return `<VPNProfile>
  <AlwaysOn>${opts.alwaysOn ?? 'true'}</AlwaysOn>
  <DeviceTunnel>true</DeviceTunnel>
  <DnsSuffix>corp.example.com</DnsSuffix>
  <RegisterDNS>true</RegisterDNS>${opts.top ?? ''}
  <NativeProfile>
    <Servers>vpn.example.com;vpn.example.com</Servers>
    <RoutingPolicyType>${opts.routing ?? 'SplitTunnel'}</RoutingPolicyType>
    <NativeProtocolType>${opts.protocol ?? 'IKEv2'}</NativeProtocolType>
    <Authentication>
      ${opts.auth ?? '<MachineMethod>Certificate</MachineMethod>'}
    </Authentication>
    ${SUITE}
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
  <Route>
    <Address>10.0.0.1</Address>
    <PrefixSize>32</PrefixSize>
  </Route>${opts.extra ?? ''}
</VPNProfile>
`;
}

const EAP_TLS = (
  namespace = 'http://www.microsoft.com/provisioning/EapHostConfig',
  validation = `<ServerValidation><DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation><ServerNames>nps.example.com</ServerNames><TrustedRootCA>5a 89 fe cb 5b 49 a7 0b 1a 52 63 b7 35 ee d7 1c c1 a1 0f</TrustedRootCA></ServerValidation>`,
): string => `<Eap>
        <Configuration>
          <EapHostConfig xmlns="${namespace}">
            <EapMethod>
              <Type xmlns="http://www.microsoft.com/provisioning/EapCommon">13</Type>
              <VendorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorId>
              <VendorType xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorType>
              <AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</AuthorId>
            </EapMethod>
            <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
              <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                <Type>13</Type>
                <EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1">
                  <CredentialsSource><CertificateStore><SimpleCertSelection>true</SimpleCertSelection></CertificateStore></CredentialsSource>
                  ${validation}
                  <DifferentUsername>false</DifferentUsername>
                </EapType>
              </Eap>
            </Config>
          </EapHostConfig>
        </Configuration>
      </Eap>`;

const SERVER_BASELINE = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048
Restart-Service RemoteAccess -PassThru
`;

export const RULE_TRIGGERS: readonly RuleTrigger[] = [
  {
    name: 'not well-formed',
    uri: 'file:///t/broken.xml',
    text: '<VPNProfile>\n  <AlwaysOn>true</AlwaysOn>\n  <NativeProfile>\n</VPNProfile>\n',
  },
  {
    name: 'DOCTYPE with entities',
    uri: 'file:///t/doctype.xml',
    text: userTunnel()
      .replace('<VPNProfile>', '<!DOCTYPE VPNProfile [ <!ENTITY a "x"> <!ENTITY b "&a;&a;"> ]>\n<VPNProfile>')
      .replace('<AlwaysOn>true', '<ProfileName>&b;</ProfileName>\n  <AlwaysOn>true'),
  },
  {
    name: 'near-miss root',
    uri: 'file:///t/root.xml',
    text: userTunnel().replace('<VPNProfile>', '<VpnProfile>').replace('</VPNProfile>', '</VpnProfile>'),
  },
  {
    name: 'structure: unknown, misplaced, duplicate, missing, read-only, values',
    uri: 'file:///t/structure.xml',
    text: userTunnel({
      top: `
  <AlwaysOnn>true</AlwaysOnn>
  <DHGroup>Group14</DHGroup>
  <RememberCredentials>TRUE</RememberCredentials>
  <ByPassForLocal></ByPassForLocal>
  <DisableDisconnectButton>true</DisableDisconnectButton>`,
      native: `
    <NativeProtocolType>IKEv2</NativeProtocolType>`,
      auth: '<UserMethod>eap</UserMethod>\n      ' + EAP_TLS(),
      extra: `
  <Route>
    <Address>10.1.0.0</Address>
  </Route>
  <DomainNameInformation>
    <DomainName>.corp.example.com</DomainName>
    <DomainNameType>Suffix</DomainNameType>
    <DnsServers>10.0.0.10</DnsServers>
  </DomainNameInformation>
  <TrafficFilter>
    <App><Id>SYSTEM</Id></App>
    <Protocol>6</Protocol>
    <RemotePortRanges>70000</RemotePortRanges>
    <RemoteAddressRanges>10.0.0.300</RemoteAddressRanges>
  </TrafficFilter>`,
    }),
    settings: { targetWindows: 'win10-1709' },
  },
  {
    name: 'profile type, placeholders, stray characters, secrets',
    uri: 'file:///t/plugin-and-native.xml',
    text: userTunnel({
      protocol: 'Automatic',
      top: `
  <ProfileName>{{ProfileName}}</ProfileName>
  <PluginProfile>
    <ServerUrlList>vpn.example.com</ServerUrlList>
    <PluginPackageFamilyName>Vendor.App_abcdefghijk</PluginPackageFamilyName>
  </PluginProfile>`,
      native: `
    <L2tpPsk>SuperSecret1</L2tpPsk>
    <DisableIKEv2Fragmentation>true</DisableIKEv2Fragmentation>`,
      extra: `
  <DomainNameInformation>
    <DomainName>corp.example.com</DomainName>
    <DnsServers>10.0.0.10\u00a0</DnsServers>
  </DomainNameInformation>
  <DomainNameInformation>
    <DomainName>corp.example.com.</DomainName>
    <DnsServers>10.0.0.11</DnsServers>
  </DomainNameInformation>`,
    }).replace(
      '<TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>',
      '<TrustedNetworkDetection>corp.example.com;corp.example.org</TrustedNetworkDetection>',
    ),
  },
  {
    name: 'crypto: weak, incomplete, GCM mismatch, PowerShell spelling',
    uri: 'file:///t/crypto.xml',
    text: userTunnel({
      suite: `<CryptographySuite>
      <AuthenticationTransformConstants>SHA196</AuthenticationTransformConstants>
      <CipherTransformConstants>GCMAES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group2</DHGroup>
      <EncryptionMethod>GCMAES128</EncryptionMethod>
    </CryptographySuite>`,
    }),
  },
  { name: 'no suite', uri: 'file:///t/no-suite.xml', text: userTunnel({ suite: '' }) },
  {
    name: 'GCM cipher with a CBC integrity transform',
    uri: 'file:///t/gcm.xml',
    text: userTunnel({ suite: SUITE.replace('<CipherTransformConstants>AES128', '<CipherTransformConstants>GCMAES128') }),
  },
  {
    name: 'IKEv2 with MSChapv2, an L2TP key and fragmentation off',
    uri: 'file:///t/ikev2-misc.xml',
    text: userTunnel({
      top: '\n  <DisableIKEv2Fragmentation>true</DisableIKEv2Fragmentation>',
      native: '\n    <L2tpPsk>secret</L2tpPsk>',
      auth: '<UserMethod>MSChapv2</UserMethod>\n      <MachineMethod>Certificate</MachineMethod>',
    }),
  },
  { name: 'PPTP with a suite', uri: 'file:///t/pptp.xml', text: userTunnel({ protocol: 'PPTP' }) },
  { name: 'L2TP', uri: 'file:///t/l2tp.xml', text: userTunnel({ protocol: 'L2TP', native: '\n    <L2tpPsk>secret</L2tpPsk>' }) },
  {
    name: 'protocol list without list; missing protocol; MSChapv2 with IKEv2',
    uri: 'file:///t/protocol.xml',
    text: userTunnel({ protocol: 'ProtocolList', auth: '<UserMethod>MSChapv2</UserMethod>' }),
  },
  {
    name: 'no NativeProtocolType',
    uri: 'file:///t/no-protocol.xml',
    text: userTunnel().replace('    <NativeProtocolType>IKEv2</NativeProtocolType>\n', ''),
  },
  {
    name: 'EAP without configuration, without validation, bad thumbprint, bad namespace',
    uri: 'file:///t/eap.xml',
    text: userTunnel({ auth: '<UserMethod>Eap</UserMethod>\n      <Eap><Configuration></Configuration></Eap>' }),
  },
  {
    name: 'EAP server validation off and a bad thumbprint',
    uri: 'file:///t/eap-validation.xml',
    text: userTunnel({
      auth:
        '<UserMethod>Eap</UserMethod>\n      ' +
        EAP_TLS(
          undefined,
          '<ServerValidation><DisableUserPromptForServerValidation>false</DisableUserPromptForServerValidation><ServerNames></ServerNames><TrustedRootCA>\u200e5a 89 fe</TrustedRootCA></ServerValidation><PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">false</PerformServerValidation>',
        ),
    }),
  },
  {
    name: 'EAP namespace https',
    uri: 'file:///t/eap-namespace.xml',
    text: userTunnel({ auth: '<UserMethod>Eap</UserMethod>\n      ' + EAP_TLS('https://www.microsoft.com/provisioning/EapHostConfig') }),
  },
  {
    name: 'device tunnel: SSTP, user method, force tunnel, not always on, traffic filter',
    uri: 'file:///t/device.xml',
    text: deviceTunnel({
      protocol: 'SSTP',
      auth: '<UserMethod>Eap</UserMethod>',
      routing: 'ForceTunnel',
      alwaysOn: 'false',
      extra: `
  <TrafficFilter>
    <RemoteAddressRanges>10.0.0.1</RemoteAddressRanges>
  </TrafficFilter>`,
    }),
    settings: { targetWindows: 'win10-1809' },
  },
  {
    name: 'split tunnel without routes; proxy with split tunnel',
    uri: 'file:///t/split.xml',
    text: userTunnel({ extra: '\n  <Proxy><Manual><Server>proxy.example.com</Server></Manual></Proxy>' }).replace(
      / {2}<Route>\n {4}<Address>10\.0\.0\.0<\/Address>\n {4}<PrefixSize>8<\/PrefixSize>\n {2}<\/Route>\n/,
      '',
    ),
  },
  { name: 'force tunnel with class route and routes', uri: 'file:///t/force.xml', text: userTunnel({ routing: 'ForceTunnel' }) },
  {
    name: 'invalid lists and routes',
    uri: 'file:///t/lists.xml',
    text: userTunnel({
      extra: `
  <Route>
    <Address>10.0.0.999</Address>
    <PrefixSize>8</PrefixSize>
  </Route>
  <DomainNameInformation>
    <DomainName>.corp.example.com</DomainName>
    <DnsServers>10.0.0.1,not-an-address</DnsServers>
  </DomainNameInformation>
  <TrafficFilter>
    <RemotePortRanges>443</RemotePortRanges>
  </TrafficFilter>`,
    })
      .replace('<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers>;vpn.example.com</Servers>')
      .replace('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>.corp.example.com,bad name</DnsSuffix>'),
  },
  {
    name: 'Intune on Windows 11: order, server listed once, MachineMethod',
    uri: 'file:///t/intune.xml',
    text: userTunnel({ auth: '<UserMethod>Eap</UserMethod>\n      ' + EAP_TLS() })
      .replace('<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers>vpn.example.com</Servers>')
      .replace(
        '  <AlwaysOn>true</AlwaysOn>\n  <DnsSuffix>corp.example.com</DnsSuffix>',
        '  <DnsSuffix>corp.example.com</DnsSuffix>\n  <AlwaysOn>true</AlwaysOn>',
      ),
    settings: { deployment: 'intune' },
  },
  {
    name: 'PowerShell: parameters, values, sets, switches, secrets, weak crypto, prompts, registry',
    uri: 'file:///t/client.ps1',
    text: `Add-VpnConnection -Name 'Corp VPN' -ServerAddress vpn.example.com -TunnelType L2tp -L2tpPsk 'Secret123' -SplitTunneling $false -Bogus 1
Add-VpnConnection -Name Split -ServerAddress vpn.example.com -SplitTunneling
Set-VpnConnectionProxy -ConnectionName Split -ProxyServer 'proxy.example.com:8080'
Set-VpnConnectionIPsecConfiguration -ConnectionName 'Corp VPN' -AuthenticationTransformConstants SHA196 -CipherTransformConstants DES3 -DHGroup Group2 -PfsGroup PFS1 -Force
Set-VpnConnectionIPsecConfiguration -ConnectionName 'Corp VPN' -DHGroup Group77 -Force
Set-VpnConnectionIPsecConfiguration -ConnectionName 'Corp VPN' -RevertToDefault -Force
Remove-VpnConnection -Name 'Old VPN'
[PSCustomObject]@{ DHGroup = 'Group14'; NotAParameter = 1 } | Set-VpnServerConfiguration -CustomPolicy -PassThru
`,
  },
  {
    name: 'PowerShell on the server: partial policy, registry values, restart, CRL, SA limit, SSTP offload',
    uri: 'file:///t/server.ps1',
    text: `Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14
New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name EnableServerFragmentation -PropertyType String -Value 1 -Force
New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name CertAuthFlags -PropertyType DWORD -Value 4 -Force
New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters\\' -Name IkeNumEstablishedForInitialQuery -PropertyType DWORD -Value 50000 -Force
Enable-SstpOffload -CertificateHash 'ABCDEF'
`,
  },
  {
    name: 'workspace: policy mismatch, fragmentation, RegisterDNS and NRPT on both tunnels',
    uri: 'file:///ws/user.xml',
    text: userTunnel({
      top: '\n  <RegisterDNS>true</RegisterDNS>',
      suite: SUITE.replace('<DHGroup>Group14</DHGroup>', '<DHGroup>ECP256</DHGroup>'),
    }),
    workspace: [
      { uri: 'file:///ws/server.ps1', text: SERVER_BASELINE },
      {
        uri: 'file:///ws/device.xml',
        text: deviceTunnel({
          extra: `
  <DomainNameInformation>
    <DomainName>.corp.example.com</DomainName>
    <DnsServers>10.0.0.10</DnsServers>
  </DomainNameInformation>`,
        }),
      },
    ],
  },
  {
    name: 'workspace: the device tunnel with NRPT next to a user tunnel',
    uri: 'file:///ws/device.xml',
    text: deviceTunnel({
      extra: `
  <DomainNameInformation>
    <DomainName>.corp.example.com</DomainName>
    <DnsServers>10.0.0.10</DnsServers>
  </DomainNameInformation>`,
    }),
    workspace: [
      { uri: 'file:///ws/server.ps1', text: SERVER_BASELINE },
      { uri: 'file:///ws/user.xml', text: userTunnel({ top: '\n  <RegisterDNS>true</RegisterDNS>' }) },
    ],
  },
];
