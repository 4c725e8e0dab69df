<#
.SYNOPSIS
    Deploys the Contoso Always On VPN user tunnel through the MDM WMI bridge (sample for the
    Always On VPN ProfileXML extension).
.DESCRIPTION
    Run in the SYSTEM context (for example with PsExec -s or from Configuration Manager) for
    the user whose SID is given. The ProfileXML below carries one deliberate mistake that the
    extension reports inside this script: NativeProtocolType is Automatic, so Windows ignores
    the CryptographySuite.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $UserSid,
    [string] $ProfileName = 'Contoso VPN'
)

$ProfileXML = @'
<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DnsSuffix>corp.contoso.example</DnsSuffix>
  <TrustedNetworkDetection>corp.contoso.example</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>vpn.contoso.example;vpn.contoso.example</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES128</EncryptionMethod>
    </CryptographySuite>
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
  <Route>
    <Address>10.20.0.0</Address>
    <PrefixSize>16</PrefixSize>
  </Route>
</VPNProfile>
'@

# The MDM bridge wants the profile name and the XML escaped as WMI property values.
$NodeCSPURI = './Vendor/MSFT/VPNv2'
$NamespaceName = 'root\cimv2\mdm\dmmap'
$ClassName = 'MDM_VPNv2_01'
$EscapedName = $ProfileName.Replace(' ', '%20')
$EscapedXml = [System.Security.SecurityElement]::Escape($ProfileXML)

$Options = New-Object Microsoft.Management.Infrastructure.Options.CimOperationOptions
$Options.SetCustomOption('PolicyPlatformContext_PrincipalContext_Type', 'PolicyPlatform_UserContext', $false)
$Options.SetCustomOption('PolicyPlatformContext_PrincipalContext_Id', $UserSid, $false)

$Session = New-CimSession
try {
    $Existing = Get-CimInstance -Namespace $NamespaceName -ClassName $ClassName -Filter "ParentID='$NodeCSPURI' and InstanceID='$EscapedName'" -ErrorAction SilentlyContinue
    if ($Existing) {
        Write-Verbose "Removing the existing profile '$ProfileName'"
        $Session.DeleteInstance($NamespaceName, $Existing, $Options)
    }

    $Instance = New-Object Microsoft.Management.Infrastructure.CimInstance $ClassName, $NamespaceName
    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', $NodeCSPURI, 'String', 'Key'))
    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', $EscapedName, 'String', 'Key'))
    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', $EscapedXml, 'String', 'Property'))
    $Session.CreateInstance($NamespaceName, $Instance, $Options) | Out-Null
    Write-Output "Created the VPN profile '$ProfileName' for $UserSid"
}
finally {
    Remove-CimSession -CimSession $Session
}
