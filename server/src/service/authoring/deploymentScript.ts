import type { ProfileFacts } from '../profilexml/facts';
import { psCommentText, psSingleQuoted, psVerbatimHereString } from './powershellText';
import { joinLines, refuse, type GeneratorResult } from './types';

/**
 * A PowerShell script that deploys one ProfileXML through the MDM WMI bridge
 * (Microsoft's MDM_VPNv2_01 WMI class page and the Always On VPN client tutorial): class MDM_VPNv2_01 in root\cimv2\mdm\dmmap, ParentID
 * ./Vendor/MSFT/VPNv2, InstanceID = the profile name URL-encoded, ProfileXML XML-escaped.
 *
 * - The profile is embedded verbatim in a single-quoted here-string (nothing in it is expanded:
 *   `$`, backticks, quotes and `&` stay text), so the script's own linting sees the very XML that
 *   is deployed. A line of the profile starting with `'@` would end the here-string: such lines
 *   carry a marker the script removes before use (powershellText.ts).
 * - The name goes into a single-quoted string with its quotes doubled; comments get it without
 *   line breaks. Nothing of the profile or the name is ever placed where PowerShell evaluates it.
 * - Escaping: `[Security.SecurityElement]::Escape`, which escapes all five XML special characters
 *   (Microsoft's sample escapes only `<`, `>` and `"`, leaving an `&` raw; §4.3).
 * - Context (§4.4): a device tunnel or LockDown profile is created by SYSTEM in the device
 *   context; a user tunnel is created by SYSTEM or an administrator in the context of a user,
 *   named by SID through CimOperationOptions (the console user when no SID is given).
 * - A profile of the same name is deleted first (enumerated in the same context). Early Windows 11
 *   builds fail that enumeration or deletion with a general error (Microsoft Docs issues #5963,
 *   #6245, #6823 on the MDM bridge pages): the script reports it as a warning and still creates the
 *   profile (test/pwsh runs it against recording stand-ins of the bridge).
 */

export interface DeploymentScriptInput {
  /** The ProfileXML to deploy, as the document holds it (decoded). */
  profileXml: string;
  facts: ProfileFacts;
  /** The VPN connection name Windows shows (the CSP node name, before URL-encoding). */
  profileName: string;
  /** Where the profile comes from, for the script's comment (`client.xml`). */
  sourceLabel?: string;
  eol?: string;
}

/** Why a connection name cannot be used, or undefined when it can (VPNv2 CSP: no `/`). */
export function profileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'The profile name is empty.';
  if (name !== name.trim()) return 'The profile name starts or ends with a space.';
  if (name.includes('/')) return 'The VPNv2 CSP does not allow "/" in a profile name.';
  if (/[\u0000-\u001F\u007F]/.test(name)) return 'The profile name contains a line break or another control character.';
  return undefined;
}

export function deploymentScript(input: DeploymentScriptInput): GeneratorResult {
  const eol = input.eol ?? '\n';
  const problem = profileNameProblem(input.profileName);
  if (problem) return refuse(problem);
  const device = input.facts.isDeviceTunnel || input.facts.isLockDown;
  const kind = input.facts.isDeviceTunnel ? 'device tunnel' : input.facts.isLockDown ? 'LockDown profile' : 'user tunnel';
  // The XML exactly as written, without a byte order mark or trailing blank lines.
  const xml = input.profileXml.replace(/^\uFEFF/, '').replace(/\s+$/, '');
  const here = psVerbatimHereString(xml, eol);
  const name = psSingleQuoted(input.profileName);
  const source = input.sourceLabel ? ` from ${psCommentText(input.sourceLabel)}` : '';
  const notes: string[] = [];

  const lines: string[] = [
    `# Deploys the Always On VPN ${kind} ${psCommentText(input.profileName)}${source}`,
    '# through the MDM WMI bridge (class MDM_VPNv2_01), as Intune would through the VPNv2 CSP.',
    ...(device
      ? [
          `# A ${kind} must be created by SYSTEM (LocalSystem): run this script from Intune, Configuration`,
          '# Manager or a scheduled task as SYSTEM, or interactively with psexec -i -s.',
        ]
      : [
          '# Run it elevated (SYSTEM or an administrator). The profile is created for one user: the user given',
          '# with -UserSid, or else the user signed in at the console.',
        ]),
    '#Requires -RunAsAdministrator',
    '[CmdletBinding()]',
    ...(device
      ? ['param()']
      : [
          'param(',
          '    # SID of the user who gets the profile (default: the user signed in at the console).',
          '    [string]$UserSid',
          ')',
        ]),
    '',
    "$ErrorActionPreference = 'Stop'",
    '',
    `$ProfileName = ${name}`,
    `$ProfileXml = ${here.literal}`,
  ];
  if (here.marker) {
    lines.push(
      '# Lines of the profile that start with a quote and @ would end the here-string above: they carry a',
      '# marker in front, removed here.',
      `$ProfileXml = $ProfileXml -replace ${psSingleQuoted(`(?m)^${here.marker}`)}, ''`,
    );
    notes.push(
      `Some lines of the profile start with a quote and "@", which would end the script's here-string: the script marks them with ${here.marker} and removes the marker before deploying.`,
    );
  }
  lines.push(
    '',
    "$NamespaceName = 'root\\cimv2\\mdm\\dmmap'",
    "$ClassName = 'MDM_VPNv2_01'",
    "$ParentId = './Vendor/MSFT/VPNv2'",
    '# The instance ID is the profile name, URL-encoded (a space becomes %20).',
    '$InstanceId = [System.Uri]::EscapeDataString($ProfileName)',
    '# The bridge takes the profile XML-escaped: all five special characters, & included.',
    '$EscapedXml = [System.Security.SecurityElement]::Escape($ProfileXml)',
    '',
  );
  if (device) {
    lines.push(
      '$CurrentSid = [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value',
      "if ($CurrentSid -ne 'S-1-5-18') {",
      `    throw "A ${kind} must be created by SYSTEM (S-1-5-18), but this script runs as $CurrentSid."`,
      '}',
      '# Device context: no user options.',
      '$Options = New-Object Microsoft.Management.Infrastructure.Options.CimOperationOptions',
    );
  } else {
    lines.push(
      'if (-not $UserSid) {',
      '    $UserName = (Get-CimInstance -ClassName Win32_ComputerSystem).UserName',
      '    if (-not $UserName) {',
      "        throw 'No user is signed in at the console: run the script while the user is signed in, or give -UserSid.'",
      '    }',
      '    $UserSid = (New-Object System.Security.Principal.NTAccount($UserName)).Translate([System.Security.Principal.SecurityIdentifier]).Value',
      '}',
      "# The bridge creates the profile in this user's context, not in the caller's.",
      '$Options = New-Object Microsoft.Management.Infrastructure.Options.CimOperationOptions',
      "$Options.SetCustomOption('PolicyPlatformContext_PrincipalContext_Type', 'PolicyPlatform_UserContext', $false)",
      '$Options.SetCustomOption(\'PolicyPlatformContext_PrincipalContext_Id\', "$UserSid", $false)',
    );
  }
  lines.push(
    '',
    '$Session = New-CimSession',
    'try {',
    '    # A profile of the same name is removed first: the bridge does not replace an existing instance.',
    '    # Early Windows 11 builds can answer EnumerateInstances or DeleteInstance with "A general error',
    '    # occurred" (Microsoft Docs issues 5963, 6245, 6823): a failed removal is reported, not fatal.',
    '    try {',
    '        foreach ($Existing in $Session.EnumerateInstances($NamespaceName, $ClassName, $Options)) {',
    '            if ($Existing.InstanceID -eq $InstanceId) {',
    '                $Session.DeleteInstance($NamespaceName, $Existing, $Options)',
    '                Write-Verbose "Removed the existing profile $ProfileName."',
    '            }',
    '        }',
    '    }',
    '    catch {',
    '        Write-Warning "Could not look for or remove an existing profile $ProfileName ($($_.Exception.Message)); creating it anyway."',
    '    }',
    '    $Instance = New-Object Microsoft.Management.Infrastructure.CimInstance($ClassName, $NamespaceName)',
    "    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', $ParentId, 'String', 'Key'))",
    "    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', $InstanceId, 'String', 'Key'))",
    "    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', $EscapedXml, 'String', 'Property'))",
    '    $null = $Session.CreateInstance($NamespaceName, $Instance, $Options)',
    '    Write-Output "Created the VPN profile $ProfileName."',
    '}',
    'finally {',
    '    Remove-CimSession -CimSession $Session',
    '}',
  );
  return { ok: true, language: 'powershell', text: joinLines(lines, eol), notes };
}
