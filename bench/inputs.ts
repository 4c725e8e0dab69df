// Generated benchmark inputs: deterministic (seeded), made here, no files read, no network.
// The shapes follow what real Always On VPN profiles and deployment scripts look like: an EAP
// user tunnel with a CryptographySuite, many routes and traffic filters in large profiles, and
// a script that builds the ProfileXML in a here-string and deploys it with VPN cmdlets.

/** Small deterministic PRNG (mulberry32) so every run measures the same texts. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const EAP_CONFIGURATION = `        <Configuration>
          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
            <EapMethod>
              <Type xmlns="http://www.microsoft.com/provisioning/EapCommon">25</Type>
              <VendorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorId>
              <VendorType xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorType>
              <AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</AuthorId>
            </EapMethod>
            <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
              <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                <Type>25</Type>
                <EapType xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV1">
                  <ServerValidation>
                    <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                    <ServerNames>nps1.corp.example.net;nps2.corp.example.net</ServerNames>
                    <TrustedRootCA>5a 89 fe cb 5b 2a 7b 52 4c 4a 2b 5d 8e 6f 41 0c 2a 39 1f 11 </TrustedRootCA>
                  </ServerValidation>
                  <FastReconnect>true</FastReconnect>
                  <InnerEapOptional>false</InnerEapOptional>
                  <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                    <Type>13</Type>
                    <EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1">
                      <CredentialsSource>
                        <CertificateStore>
                          <SimpleCertSelection>true</SimpleCertSelection>
                        </CertificateStore>
                      </CredentialsSource>
                      <ServerValidation>
                        <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                        <ServerNames>nps1.corp.example.net;nps2.corp.example.net</ServerNames>
                        <TrustedRootCA>5a 89 fe cb 5b 2a 7b 52 4c 4a 2b 5d 8e 6f 41 0c 2a 39 1f 11 </TrustedRootCA>
                      </ServerValidation>
                      <DifferentUsername>false</DifferentUsername>
                      <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</PerformServerValidation>
                      <AcceptServerName xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</AcceptServerName>
                      <TLSExtensions xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">
                        <FilteringInfo xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3">
                          <CAHashList Enabled="true">
                            <IssuerHash>3f 5c 6e 9b 0a 2d 4e 7f 81 92 a3 b4 c5 d6 e7 f8 09 1a 2b 3c </IssuerHash>
                          </CAHashList>
                        </FilteringInfo>
                      </TLSExtensions>
                    </EapType>
                  </Eap>
                  <EnableQuarantineChecks>false</EnableQuarantineChecks>
                  <RequireCryptoBinding>false</RequireCryptoBinding>
                  <PeapExtensions>
                    <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</PerformServerValidation>
                    <AcceptServerName xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</AcceptServerName>
                  </PeapExtensions>
                </EapType>
              </Eap>
            </Config>
          </EapHostConfig>
        </Configuration>
`;

function ipv4(rand: () => number): string {
  return `${pick(rand, [10, 172, 192])}.${int(rand, 0, 255)}.${int(rand, 0, 255)}.0`;
}

function ipv6(rand: () => number): string {
  return `fd${int(rand, 0, 255).toString(16).padStart(2, '0')}:${int(rand, 0, 65535).toString(16)}:${int(rand, 0, 65535).toString(16)}::`;
}

function route(rand: () => number, i: number): string {
  const v6 = i % 7 === 3;
  const lines = [
    `  <Route>`,
    `    <Address>${v6 ? ipv6(rand) : ipv4(rand)}</Address>`,
    `    <PrefixSize>${v6 ? int(rand, 32, 64) : int(rand, 8, 24)}</PrefixSize>`,
  ];
  if (i % 11 === 5) lines.push(`    <ExclusionRoute>true</ExclusionRoute>`);
  if (i % 5 === 2) lines.push(`    <Metric>${int(rand, 1, 50)}</Metric>`);
  lines.push(`  </Route>`);
  return lines.join('\n') + '\n';
}

const APPS = [
  '%ProgramFiles%\\Contoso\\Ledger\\ledger.exe',
  'C:\\Program Files\\Fabrikam\\Sync\\sync.exe',
  'Microsoft.MicrosoftEdge_8wekyb3d8bbwe',
  '%windir%\\system32\\mstsc.exe',
  'C:\\Tools\\Inventory\\agent.exe',
];

function trafficFilter(rand: () => number, i: number): string {
  const lines = [`  <TrafficFilter>`];
  if (i % 3 === 0) lines.push(`    <App>`, `      <Id>${pick(rand, APPS)}</Id>`, `    </App>`);
  const protocol = pick(rand, [6, 17]);
  lines.push(`    <Protocol>${protocol}</Protocol>`);
  lines.push(`    <RemotePortRanges>${int(rand, 1, 1000)}-${int(rand, 1001, 9000)},${int(rand, 9001, 65535)}</RemotePortRanges>`);
  const b = int(rand, 0, 200);
  lines.push(
    `    <RemoteAddressRanges>${ipv4(rand)}/${int(rand, 8, 28)},10.${b}.${int(rand, 0, 255)}.1-10.${b + int(rand, 1, 55)}.${int(rand, 0, 255)}.254</RemoteAddressRanges>`,
  );
  if (i % 4 === 1) lines.push(`    <LocalAddressRanges>${ipv4(rand)}/24</LocalAddressRanges>`);
  lines.push(`    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>`);
  if (i % 2 === 0) lines.push(`    <Direction>Outbound</Direction>`);
  lines.push(`  </TrafficFilter>`);
  return lines.join('\n') + '\n';
}

function domainInfo(rand: () => number, i: number): string {
  return (
    [
      `  <DomainNameInformation>`,
      `    <DomainName>.site${i}.corp.example.net</DomainName>`,
      `    <DnsServers>10.${int(rand, 0, 255)}.0.53,10.${int(rand, 0, 255)}.0.54</DnsServers>`,
      `    <AutoTrigger>true</AutoTrigger>`,
      `  </DomainNameInformation>`,
    ].join('\n') + '\n'
  );
}

export interface ProfileShape {
  seed: number;
  routes: number;
  trafficFilters: number;
  domains: number;
}

/**
 * An EAP (PEAP with EAP-TLS) user tunnel over IKEv2 with a custom CryptographySuite: the kind
 * of profile the guides recommend. It is close to rule-clean; a few values are left as people
 * write them (a non-canonical case, a weak value) so that diagnostics and code actions have
 * something to show.
 */
export function profile(shape: ProfileShape): string {
  const rand = prng(shape.seed);
  let out = `<?xml version="1.0" encoding="utf-8"?>
<!-- Contoso user tunnel ${shape.seed}: generated for the benchmarks -->
<VPNProfile>
  <RememberCredentials>true</RememberCredentials>
  <AlwaysOn>true</AlwaysOn>
  <DnsSuffix>corp.example.net</DnsSuffix>
  <TrustedNetworkDetection>corp.example.net</TrustedNetworkDetection>
  <DeviceCompliance>
    <Enabled>false</Enabled>
  </DeviceCompliance>
  <NativeProfile>
    <Servers>vpn${shape.seed}.example.net;vpn${shape.seed}.example.net</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>Ikev2</NativeProtocolType>
    <Authentication>
      <UserMethod>Eap</UserMethod>
      <Eap>
${EAP_CONFIGURATION}      </Eap>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>GCMAES128</AuthenticationTransformConstants>
      <CipherTransformConstants>GCMAES128</CipherTransformConstants>
      <PfsGroup>ECP256</PfsGroup>
      <DHGroup>ECP256</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES_GCM_128</EncryptionMethod>
    </CryptographySuite>
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
`;
  for (let i = 0; i < shape.domains; i++) out += domainInfo(rand, i);
  for (let i = 0; i < shape.routes; i++) out += route(rand, i);
  for (let i = 0; i < shape.trafficFilters; i++) out += trafficFilter(rand, i);
  out += `  <RegisterDNS>true</RegisterDNS>
  <DisableIKEv2Fragmentation>false</DisableIKEv2Fragmentation>
</VPNProfile>
`;
  return out;
}

/** A profile of at least `bytes` characters: routes and traffic filters in a 3:1 ratio. */
export function profileOfSize(bytes: number, seed: number): string {
  // Per-entry sizes are stable, so one small sample scales linearly.
  const unit =
    profile({ seed, routes: 300, trafficFilters: 100, domains: 4 }).length -
    profile({ seed, routes: 0, trafficFilters: 0, domains: 4 }).length;
  let units = Math.ceil(((bytes - 4200) / unit) * 100);
  for (;;) {
    const text = profile({ seed, routes: units * 3, trafficFilters: units, domains: 8 });
    if (text.length >= bytes) return text;
    units += Math.max(1, Math.ceil(((bytes - text.length) / unit) * 100));
  }
}

/** The typical profile: about 8 KB. */
export function typicalProfile(seed = 1): string {
  return profile({ seed, routes: 18, trafficFilters: 3, domains: 4 });
}

/** `count` distinct typical profiles (servers, routes and filters differ). */
export function workspace(count: number): { uri: string; text: string }[] {
  const out: { uri: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const rand = prng(1000 + i);
    out.push({
      uri: `file:///bench/workspace/site-${String(i).padStart(3, '0')}.xml`,
      text: profile({ seed: 1000 + i, routes: int(rand, 8, 30), trafficFilters: int(rand, 0, 5), domains: int(rand, 1, 6) }),
    });
  }
  return out;
}

/**
 * A deployment script of `lines` lines: comment-based help, parameters, logging helpers, the
 * ProfileXML in a here-string, the MDM bridge deployment, a fallback with the VPN cmdlets
 * (Add-VpnConnection, Set-VpnConnectionIPsecConfiguration, routes), and ordinary
 * administration functions that make up the bulk, as in real site scripts.
 */
export function deploymentScript(lines: number, seed = 7): string {
  const rand = prng(seed);
  const xml = profile({ seed, routes: 24, trafficFilters: 4, domains: 4 })
    .replace(/^<\?xml[^>]*\?>\n/, '')
    .trimEnd();
  const head = `<#
.SYNOPSIS
    Deploys the Contoso Always On VPN user tunnel (generated benchmark script).
.DESCRIPTION
    Builds the ProfileXML, removes an older profile of the same name, and creates the new one
    through the MDM WMI bridge. When the bridge is not available the connection is created with
    the VPN cmdlets instead. The rest of the script collects inventory for the service desk.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $UserSid,
    [string] $ProfileName = 'Contoso VPN',
    [string] $LogPath = "$env:ProgramData\\Contoso\\Vpn\\deploy.log",
    [switch] $Fallback
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Write-Log {
    param([string] $Message, [ValidateSet('Info', 'Warning', 'Error')] [string] $Level = 'Info')
    $line = '{0:u} [{1}] {2}' -f (Get-Date), $Level, $Message
    Add-Content -Path $LogPath -Value $line
    if ($Level -eq 'Error') { Write-Error $Message -ErrorAction Continue } else { Write-Verbose $Message }
}

$ProfileXML = @'
${xml}
'@

$NodeCSPURI = './Vendor/MSFT/VPNv2'
$NamespaceName = 'root\\cimv2\\mdm\\dmmap'
$ClassName = 'MDM_VPNv2_01'
$EscapedName = $ProfileName.Replace(' ', '%20')
$EscapedXml = [System.Security.SecurityElement]::Escape($ProfileXML)

if ($Fallback) {
    Add-VpnConnection -Name $ProfileName -ServerAddress 'vpn${seed}.example.net' -TunnelType Ikev2 -AuthenticationMethod Eap -EncryptionLevel Required -SplitTunneling -RememberCredential -Force
    Set-VpnConnectionIPsecConfiguration -ConnectionName $ProfileName -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -DHGroup ECP256 -PfsGroup ECP256 -Force
    Add-VpnConnectionRoute -ConnectionName $ProfileName -DestinationPrefix '10.0.0.0/8' -PassThru
    Add-VpnConnectionRoute -ConnectionName $ProfileName -DestinationPrefix '172.16.0.0/12' -PassThru
    return
}

$Options = New-Object Microsoft.Management.Infrastructure.Options.CimOperationOptions
$Options.SetCustomOption('PolicyPlatformContext_PrincipalContext_Type', 'PolicyPlatform_UserContext', $false)
$Options.SetCustomOption('PolicyPlatformContext_PrincipalContext_Id', $UserSid, $false)

$Session = New-CimSession
try {
    $Existing = Get-CimInstance -Namespace $NamespaceName -ClassName $ClassName -Filter "ParentID='$NodeCSPURI' and InstanceID='$EscapedName'" -ErrorAction SilentlyContinue
    if ($Existing) {
        Write-Log "Removing the existing profile '$ProfileName'"
        $Session.DeleteInstance($NamespaceName, $Existing, $Options)
    }
    $Instance = New-Object Microsoft.Management.Infrastructure.CimInstance $ClassName, $NamespaceName
    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', $NodeCSPURI, 'String', 'Key'))
    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', $EscapedName, 'String', 'Key'))
    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', $EscapedXml, 'String', 'Property'))
    $Session.CreateInstance($NamespaceName, $Instance, $Options) | Out-Null
    Write-Log "Created the VPN profile '$ProfileName' for $UserSid"
}
finally {
    Remove-CimSession -CimSession $Session
}
`;
  const out = head.split('\n');
  const verbs = ['Get', 'Test', 'Export', 'Update', 'Resolve', 'Measure'];
  const nouns = ['Inventory', 'DiskState', 'NetworkAdapter', 'CertificateStore', 'PatchLevel', 'ServiceHealth', 'EventSummary'];
  let n = 0;
  while (out.length < lines) {
    const name = `${pick(rand, verbs)}-Contoso${pick(rand, nouns)}${n++}`;
    const block = `
function ${name} {
    [CmdletBinding()]
    param(
        [string] $ComputerName = $env:COMPUTERNAME,
        [int] $Days = ${int(rand, 1, 90)}
    )
    $since = (Get-Date).AddDays(-$Days)
    $items = @(Get-CimInstance -ClassName Win32_${pick(rand, ['LogicalDisk', 'NetworkAdapterConfiguration', 'Service', 'QuickFixEngineering'])} -ComputerName $ComputerName)
    $result = foreach ($item in $items) {
        [pscustomobject]@{
            Computer = $ComputerName
            Name     = $item.Name
            Checked  = Get-Date
            Recent   = ($item.InstallDate -gt $since)
        }
    }
    if (-not $result) {
        Write-Log "${name}: nothing found on $ComputerName" -Level Warning
        return @()
    }
    $result | Sort-Object -Property Name | Select-Object -First ${int(rand, 5, 50)}
}
`;
    const blockLines = block.split('\n');
    if (out.length + blockLines.length > lines) break;
    out.push(...blockLines);
  }
  while (out.length < lines) out.push(`# inventory note ${out.length}`);
  return out.join('\n') + '\n';
}
