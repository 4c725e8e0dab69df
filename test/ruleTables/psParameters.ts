/**
 * Tables of the PowerShell binding rules (binding.ts): ps-unknown-parameter, ps-invalid-value,
 * ps-switch-given-value, ps-missing-parameter, ps-partial-custom-policy. Run by
 * test/unit/ruleTables.test.ts (test/helpers/ruleTester.ts says what each field asserts).
 */
import type { RuleTable } from '../helpers/ruleTester';

const SERVER_BASELINE =
  'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n';
const PS = 'aovpn-powershell';

const unknownParameter: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-unknown-parameter',
  valid: [
    {
      name: 'accepts an unambiguous abbreviation (-PFSgroup), all-lower-case names, aliases and common parameters',
      code:
        'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PFSgroup PFS2048 -SALifeTimeSeconds 28800 -MMSALifeTimeSeconds 86400 -SADataSizeForRenegotiationKilobytes 1024000\n' +
        'set-vpnserverconfiguration -custompolicy -authenticationtransformconstants sha256128 -ciphertransformconstants aes128 -dhgroup group14 -encryption aes128 -integritycheckmethod sha256 -pfs pfs2048 -Verbose -ErrorAction Stop\n' +
        'Restart-Service RemoteAccess -PassThru\n',
      nothingElse: true,
    },
    {
      name: 'leaves unverified parameters, simple functions and ordinary commands alone',
      code:
        'Add-VpnConnectionTriggerDnsConfiguration -ConnectionName VPN -DnsSuffix corp.example.net -AllUserConnection -Force\n' +
        'Set-VpnConnectionUsernamePassword -connectionname VPN -username u -password $pw -Whatif\n' +
        'Get-ChildItem -Pth C:\\\n',
    },
  ],
  invalid: [
    {
      name: 'reports a parameter the cmdlet does not have, with source and range',
      code: 'Set-VpnConnectionIPsecConfiguration -ConnectionName x -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGrop Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n',
      findings: [
        {
          source: PS,
          text: '-DHGrop',
          range: '0:131-0:138',
          message: ['not a parameter of Set-VpnConnectionIPsecConfiguration', 'Did you mean `-DHGroup`'],
        },
      ],
    },
    {
      name: 'fix: renames to the closest parameter, keeping the dash; the finding is gone',
      code: 'Set-VpnServerConfiguration -CustomPolicy -DHGrop Group14\n',
      findings: [{ text: '-DHGrop' }],
      output: 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14\n',
    },
    {
      name: 'reports an ambiguous abbreviation and offers each candidate, none preferred',
      code: `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -SA 28800\nRestart-Service RemoteAccess\n`,
      findings: [{ text: '-SA', message: ['ambiguous', '-SADataSizeForRenegotiationKilobytes or -SALifeTimeSeconds'] }],
      fixes: [
        { title: 'Change to -SADataSizeForRenegotiationKilobytes', preferred: false },
        { title: 'Change to -SALifeTimeSeconds', preferred: false },
      ],
      fixTitle: '-SALifeTimeSeconds',
      output: `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -SALifeTimeSeconds 28800\nRestart-Service RemoteAccess\n`,
    },
    {
      name: 'reports a splatted key that is no parameter, at the key, keeping its quotes in the fix',
      code: "$p = @{ 'ConnectionName' = 'VPN'; 'DestinationPrefx' = '10.0.0.0/8' }\nAdd-VpnConnectionRoute @p\n",
      findings: [{ text: "'DestinationPrefx'", message: ['splatted key `DestinationPrefx`'] }],
      output: "$p = @{ 'ConnectionName' = 'VPN'; 'DestinationPrefix' = '10.0.0.0/8' }\nAdd-VpnConnectionRoute @p\n",
      fixLeaves: 'nothing',
    },
    {
      name: 'reports a bad key of a hashtable splatted into two commands once',
      code: "$p = @{ ConnectionName = 'VPN'; DestinationPrefx = '10.0.0.0/8' }\nAdd-VpnConnectionRoute @p\nRemove-VpnConnectionRoute @p\n",
      findings: [{ text: 'DestinationPrefx' }],
    },
  ],
};

const invalidValue: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-invalid-value',
  valid: [
    {
      name: 'accepts other case, quoted numbers for UInt32 and values computed at run time',
      code: "Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants 'sha256128' -CipherTransformConstants aes128 -DHGroup GROUP14 -EncryptionMethod $enc -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -SALifeTimeSeconds '28800'\nRestart-Service RemoteAccess -PassThru\n",
    },
  ],
  invalid: [
    {
      name: 'reports a value outside the enumeration with the closest one (ProfileXML spelling → PowerShell spelling)',
      code: 'Set-VpnConnectionIPsecConfiguration -ConnectionName x -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod AES_GCM_128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256 -Force\n',
      findings: [{ text: 'AES_GCM_128', source: PS, message: ['not a value of -EncryptionMethod', 'Did you mean `GCMAES128`'] }],
      output:
        'Set-VpnConnectionIPsecConfiguration -ConnectionName x -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256 -Force\n',
      fixLeaves: 'nothing',
    },
    {
      name: 'keeps the quotes of a quoted value in the fix',
      code: "Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType 'IKEv3'\n",
      findings: [{ text: "'IKEv3'" }],
      output: "Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType 'Ikev2'\n",
      fixLeaves: 'nothing',
    },
    {
      name: 'reports a number outside the documented range and clamps it',
      code: 'Set-VpnServerConfiguration -SALifeTimeSeconds 100\nRestart-Service RemoteAccess -PassThru\n',
      findings: [{ text: '100', message: ['300 to 17279999'] }],
      output: 'Set-VpnServerConfiguration -SALifeTimeSeconds 300\nRestart-Service RemoteAccess -PassThru\n',
    },
    {
      name: 'checks values arriving through a splatted hashtable',
      code: "$route = @{ ConnectionName = 'VPN'; DestinationPrefix = '10.0.0.0/8'; RouteMetric = -1 }\nAdd-VpnConnectionRoute @route\n",
      findings: [{ text: '-1', message: ['UInt32'] }],
    },
    // Regressions found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
    {
      name: 'a value over several lines (an unclosed quote) is not replaced, which would delete the lines',
      code: "Set-VpnServerConfiguration -EncryptionType OptionalEnc'@yption\nSet-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN'\n",
      findings: [{}],
      fixes: [],
    },
    {
      name: 'no replacement for a value that opens a quote it never closes',
      code: "Set-VpnAuthProtocol -UserAuthProtocolAccepted 'Certificat -RootCertificateNameToAccept $root\n",
      findings: [{}],
      fixes: [],
    },
  ],
};

const switchGivenValue: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-switch-given-value',
  valid: [
    {
      name: 'leaves -Switch:$false, Booleans with values and bare switches alone',
      code: 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -SplitTunneling:$false -RememberCredential\nSet-VpnConnection -Name VPN -SplitTunneling $true -RememberCredential $false\n',
    },
  ],
  invalid: [
    {
      name: 'catches -SplitTunneling $false on Add-VpnConnection (a switch) and says where $false lands',
      code: 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType Ikev2 -SplitTunneling $false\n',
      findings: [{ text: '-SplitTunneling', source: PS, message: ['switch on Add-VpnConnection', 'stays on', '-SplitTunneling:$false'] }],
      // The $false is not also reported as a bad value of the parameter it lands on.
      notAlso: ['ps-invalid-value'],
    },
    {
      name: 'fix: -Switch:$false; the finding is gone',
      code: 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -SplitTunneling $false -AllUserConnection\n',
      findings: [{ text: '-SplitTunneling' }],
      output: 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -SplitTunneling:$false -AllUserConnection\n',
      fixLeaves: 'nothing',
    },
    {
      name: 'reports a Boolean parameter of Set-VpnConnection written without a value; fix adds $true',
      code: 'Set-VpnConnection -Name VPN -SplitTunneling -PassThru\n',
      findings: [{ text: '-SplitTunneling', message: ['Boolean on Set-VpnConnection, not a switch'] }],
      output: 'Set-VpnConnection -Name VPN -SplitTunneling $true -PassThru\n',
      fixLeaves: 'nothing',
    },
  ],
};

const ALL_SIX_APPENDED =
  ' -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048';

const missingParameter: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-missing-parameter',
  valid: [
    {
      name: 'never fires when parameters arrive by splatting or by pipeline',
      code:
        '$ipsec = Import-PowerShellDataFile .\\ipsec.psd1\n' +
        'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN @ipsec -Force\n' +
        "$p = @{ DHGroup = 'Group14' }\n" +
        'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN @p -Force\n' +
        'Import-Csv .\\policy.csv | Set-VpnConnectionIPsecConfiguration -Force\n' +
        "[PSCustomObject]@{ ConnectionName = 'VPN'; DHGroup = 'Group14' } | Set-VpnConnectionIPsecConfiguration -Force\n",
    },
    {
      name: 'accepts the complete forms',
      code:
        'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -Force\n' +
        'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n',
    },
  ],
  invalid: [
    {
      name: 'reports Set-VpnConnectionIPsecConfiguration with only some of the six IPsec parameters; the fix appends the missing ones with the baseline values',
      code: 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -DHGroup Group14 -PfsGroup PFS2048 -Force\n',
      findings: [
        {
          text: 'Set-VpnConnectionIPsecConfiguration',
          source: PS,
          message: [
            '-AuthenticationTransformConstants, -CipherTransformConstants, -EncryptionMethod and -IntegrityCheckMethod',
            '-RevertToDefault',
          ],
        },
      ],
      output:
        'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -DHGroup Group14 -PfsGroup PFS2048 -Force -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256\n',
      fixLeaves: 'nothing',
    },
    {
      name: 'fix keeps backtick continuations and follows a GCM partner for the ESP pair',
      code: 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN `\r\n    -CipherTransformConstants GCMAES256 `\r\n    -Force\r\n',
      findings: [{ text: 'Set-VpnConnectionIPsecConfiguration' }],
      output:
        'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN `\r\n    -CipherTransformConstants GCMAES256 `\r\n    -Force `\r\n    -AuthenticationTransformConstants GCMAES256 `\r\n    -DHGroup Group14 `\r\n    -EncryptionMethod AES128 `\r\n    -IntegrityCheckMethod SHA256 `\r\n    -PfsGroup PFS2048\r\n',
    },
    {
      name: 'reports the connection name alone (neither the six nor -RevertToDefault)',
      code: 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -Force\n',
      findings: [{ message: ['-RevertToDefault (Default set) or -AuthenticationTransformConstants'] }],
      output: `Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -Force${ALL_SIX_APPENDED}\n`,
      fixLeaves: 'nothing',
    },
    {
      name: 'reports server IPsec parameters without -CustomPolicy; fix adds the switch after the name',
      code: 'Set-VpnServerConfiguration -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n',
      findings: [{ text: 'Set-VpnServerConfiguration', message: ['only in the CustomPolicy parameter set'] }],
      output: SERVER_BASELINE,
      fixLeaves: 'nothing',
    },
    {
      name: 'reports mixed parameter sets at the parameter outside the chosen set',
      code: 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n',
      findings: [{ text: '-RevertToDefault', message: ['cannot be combined'] }],
    },
  ],
};

const partialCustomPolicy: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-partial-custom-policy',
  valid: [
    {
      name: 'counts values piped in by property name (the Hicks idiom) and stays quiet when the input is unknown',
      code:
        "$Parameters = @{ AuthenticationTransformConstants = 'SHA256128'; CipherTransformConstants = 'AES128'; DHGroup = 'Group14'; EncryptionMethod = 'AES128'; IntegrityCheckMethod = 'SHA256'; PFSgroup = 'PFS2048'; SALifeTimeSeconds = '28800' }\n" +
        '[PSCustomObject]$Parameters | Set-VpnServerConfiguration -CustomPolicy\n' +
        '$fromFile | Set-VpnServerConfiguration -CustomPolicy\n' +
        'Restart-Service RemoteAccess -PassThru\n',
    },
    { name: 'accepts the six with -CustomPolicy', code: SERVER_BASELINE },
  ],
  invalid: [
    {
      name: 'warns about a custom policy with fewer than six IPsec parameters, at -CustomPolicy',
      code: 'Set-VpnServerConfiguration -TunnelType IKEV2 -CustomPolicy -DHGroup Group14 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n',
      findings: [{ text: '-CustomPolicy', severity: 'warning', message: ['2 of the 6 IPsec parameters', '13868'] }],
    },
    {
      name: 'fix: appends the missing ones with the baseline values',
      code: 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14 -PfsGroup PFS2048\nRestart-Service RemoteAccess -PassThru\n',
      findings: [{ text: '-CustomPolicy' }],
      output:
        'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14 -PfsGroup PFS2048 -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256\nRestart-Service RemoteAccess -PassThru\n',
      fixLeaves: 'nothing',
    },
    {
      name: 'reports a pipeline hashtable that lacks some of the six',
      code: "[PSCustomObject]@{ DHGroup = 'Group14'; PfsGroup = 'PFS2048' } | Set-VpnServerConfiguration -CustomPolicy\nRestart-Service RemoteAccess -PassThru\n",
      findings: [{ message: ['2 of the 6'] }],
    },
    // Regressions found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
    {
      name: 'no parameters appended to a command whose quote runs on',
      code: "Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod GCMAES128@' -I\nWrite-Host 'done'\n",
      findings: [{}],
      fixes: [],
    },
    {
      name: 'appended parameters do not run into a comment glued to the command',
      code: 'Set-VpnServerConfiguration -CustomPolicy# no suite yet\nRestart-Service RemoteAccess -PassThru\n',
      findings: [{}],
      output: `Set-VpnServerConfiguration -CustomPolicy${ALL_SIX_APPENDED} # no suite yet\nRestart-Service RemoteAccess -PassThru\n`,
    },
  ],
};

export const TABLES: readonly RuleTable[] = [unknownParameter, invalidValue, switchGivenValue, missingParameter, partialCustomPolicy];
