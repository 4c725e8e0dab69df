/**
 * ps-pipeline-unbound-key (rule catalogue "Added in the second round"): a key of a hashtable
 * piped in as an object that binds to no parameter. Binding by property name needs the
 * parameter's name or an alias (Microsoft Learn, ParameterAttribute.ValueFromPipelineByPropertyName:
 * "the same name as the parameter or an alias of the parameter"); Hicks'
 * Set-IKEv2VpnSecurityBaseline.ps1 feeds Set-VpnServerConfiguration this way.
 */
import type { RuleTable } from '../helpers/ruleTester';

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
const PROXY_KEYS =
  "$p = @{ 'ConnectionName' = 'Contoso'; 'ProxyServr' = 'proxy.example.com:8080' }\n$p.BypassProxyForLoca = $true\n[PSCustomObject]$p | Set-VpnConnectionProxy\n";
const NEW_OBJECT =
  "New-Object -Type PSObject -Prop @{ Name = 'Contoso'; ProxySever = 'proxy.example.com:8080' } | Set-VpnConnectionProxy\n";
const POSITIONAL =
  "$props = @{ ConnectionName = 'Contoso'; AutoDetect = $true }\nNew-Object PSObject -Property $props | Set-VpnConnectionProxy\n";
const NOT_PIPELINE = baseline().replace("    PfsGroup = 'ECP256'", "    PfsGroup = 'ECP256'\n    PassThru = $true\n    Verbose = $true");
const NONE_BINDS = "[PSCustomObject]@{ Connection = 'Contoso'; Proxy = 'proxy.example.com:8080' } | Set-VpnConnectionProxy\n";

const pipelineUnboundKey: RuleTable = {
  language: 'powershell',
  ruleId: 'ps-pipeline-unbound-key',
  valid: [
    { name: 'exact names', code: baseline() },
    { name: 'aliases in any case (PfsGroupId, Encryption)', code: baseline({ PfsGroup: 'pfsgroupid', EncryptionMethod: 'ENCRYPTION' }) },
    {
      name: 'splatting, which takes abbreviations',
      code:
        "$p = @{ DHG = 'Group14'; Encryption = 'AES128'; IntegrityCheck = 'SHA256' }\nSet-VpnServerConfiguration @p -CustomPolicy\n" +
        RESTART,
    },
    {
      name: 'a plain hashtable piped without a cast has no such properties: another mistake, not this rule',
      code: "@{ ConnectionName = 'Contoso'; ProxyServr = 'proxy:8080' } | Set-VpnConnectionProxy\n",
    },
    { name: 'not a VPN cmdlet', code: "[PSCustomObject]@{ Nmae = 'x' } | Write-Output\n" },
    // Broken text the parser reads as a key: no "did you mean" on a guess (found by the fix round-trip test).
    {
      name: 'broken text the parser reads as a key',
      code: baseline().replace("    PfsGroup = 'ECP256'", "    PfsGroup    72.144.0.0   = 'ECP256'"),
    },
    {
      name: 'the same abbreviation on the command line binds',
      code: 'Set-VpnServerConfiguration -CustomPolicy -IntegrityCheck SHA256\n' + RESTART,
    },
    { name: 'Name is an alias of ConnectionName; both keys bind', code: POSITIONAL },
  ],
  invalid: [
    {
      name: 'reports a misspelt key of a piped [PSCustomObject] at the key, and renames it to the parameter (exact text)',
      code: baseline({ PfsGroup: 'PFSGroupp' }),
      findings: [
        {
          text: 'PFSGroupp',
          range: '6:4-6:13',
          severity: 'warning',
          source: 'aovpn-powershell',
          message: [
            '`PFSGroupp` is not a parameter name or alias of Set-VpnServerConfiguration',
            'PowerShell ignores this property without a word',
            'Rename the key to `PfsGroup`',
          ],
        },
      ],
      // The rename is the preferred fix; ps-partial-custom-policy does not also add -PfsGroup (the key gives it).
      notAlso: ['ps-partial-custom-policy'],
      output: baseline(),
      // Once renamed the key binds: the policy is complete.
      fixLeaves: 'nothing',
      fixAll: baseline(),
    },
    {
      name: 'reports an abbreviation, which the command line accepts but binding by property name does not',
      code: baseline({ IntegrityCheckMethod: 'IntegrityCheck' }),
      findings: [{ text: 'IntegrityCheck', message: ['no abbreviations or partial names, unlike the command line'] }],
      output: baseline(),
    },
    {
      name: 'keeps the quotes of a quoted key',
      code: PROXY_KEYS,
      findings: [{ text: "'ProxyServr'" }, { text: 'BypassProxyForLoca' }],
      output: PROXY_KEYS.replace("'ProxyServr'", "'ProxyServer'"),
      fixLeaves: 'findings',
    },
    {
      name: 'reads keys added later ($p.Key = …)',
      code: PROXY_KEYS,
      findings: [{ text: "'ProxyServr'" }, { text: 'BypassProxyForLoca' }],
      fixOf: 1,
      output: PROXY_KEYS.replace('$p.BypassProxyForLoca', '$p.BypassProxyForLocal'),
      fixLeaves: 'findings',
    },
    {
      name: 'reads New-Object PSObject -Property @{ … } piped in (PowerShell 2 style), abbreviated parameters included',
      code: NEW_OBJECT,
      findings: [{ text: 'ProxySever' }],
      output: NEW_OBJECT.replace('ProxySever', 'ProxyServer'),
    },
    {
      name: 'reads a hashtable given to New-Object -Property positionally',
      code: POSITIONAL.replace('AutoDetect', 'AutoDetekt'),
      findings: [{ text: 'AutoDetekt' }],
    },
    {
      name: 'reports a key naming a parameter that does not take pipeline input by property name (-PassThru, common parameters), without a rename',
      code: NOT_PIPELINE,
      findings: [
        {
          text: 'PassThru',
          message: [
            'names -PassThru of Set-VpnServerConfiguration, but that parameter does not take pipeline input by property name',
            'Give it on the command line instead (-PassThru)',
          ],
        },
        { text: 'Verbose' },
      ],
      fixes: [],
    },
    {
      name: 'reports a key the command line already gives: the command line wins',
      code: baseline().replace('Set-VpnServerConfiguration -CustomPolicy', 'Set-VpnServerConfiguration -CustomPolicy -DHGroup ECP256'),
      findings: [
        {
          text: 'DHGroup',
          message: [
            "the command line of Set-VpnServerConfiguration already gives: PowerShell binds the command line's value and skips this property",
          ],
        },
      ],
    },
    {
      name: 'says the object is rejected when none of its keys binds; `Connection` abbreviates -ConnectionName',
      code: NONE_BINDS,
      findings: [{ text: 'Connection', message: ['cannot be bound to any parameters'] }, { text: 'Proxy' }],
      output: NONE_BINDS.replace('Connection =', 'ConnectionName ='),
      fixLeaves: 'findings',
    },
    {
      name: 'says the object is rejected when none of its keys binds; `Proxy` abbreviates -ProxyServer alone',
      code: NONE_BINDS,
      findings: [{ text: 'Connection' }, { text: 'Proxy' }],
      fixOf: 1,
      output: NONE_BINDS.replace('Proxy =', 'ProxyServer ='),
      fixLeaves: 'findings',
    },
  ],
};

export const TABLES: readonly RuleTable[] = [pipelineUnboundKey];
