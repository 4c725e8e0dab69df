# The generated scripts, run (test/pwsh/scriptRun.ts): reads one JSON request per line on stdin
# ({ "id", "text", "userSid", "existing", "fail" }), runs the script text with the MDM WMI bridge
# and every other command replaced by recording stand-ins, and writes one JSON line back: what the
# script handed to the bridge, which commands it looked up, what it wrote and how it ended.
# Nothing outside the stand-ins runs: a command the script names that is not in $Allowed is
# replaced by a no-op that records it (PreCommandLookupAction), so hostile text cannot reach the
# machine even if a generated script let it out.
$ErrorActionPreference = 'Stop'
$stdin = [Console]::In
$stdout = [Console]::Out

# The script may look these up; each one is a stand-in below or harmless output.
$Allowed = @('New-CimSession', 'Remove-CimSession', 'Get-CimInstance', 'New-CimInstance', 'Remove-CimInstance', 'New-Object', 'Write-Verbose', 'Write-Output', 'Write-Warning',
    # The server-policy scripts: recorded with their arguments.
    'Set-VpnServerConfiguration', 'New-ItemProperty', 'Restart-Service')

$script:Log = $null

function New-Recording {
    [ordered]@{
        commands = [System.Collections.Generic.List[string]]::new()
        unexpected = [System.Collections.Generic.List[string]]::new()
        enumerated = 0
        deleted = [System.Collections.Generic.List[string]]::new()
        created = [System.Collections.Generic.List[object]]::new()
        options = [System.Collections.Generic.List[object]]::new()
        output = [System.Collections.Generic.List[string]]::new()
        warnings = [System.Collections.Generic.List[string]]::new()
        calls = [System.Collections.Generic.List[object]]::new()
        error = $null
    }
}

$ExecutionContext.InvokeCommand.PreCommandLookupAction = {
    param($Name, $EventArgs)
    if ($null -eq $script:Log) { return }
    $script:Log.commands.Add($Name)
    if ($Allowed -notcontains $Name) {
        $script:Log.unexpected.Add($Name)
        $EventArgs.CommandScriptBlock = { }
        $EventArgs.StopSearch = $true
    }
}

# The current identity (device tunnels must be created by SYSTEM): Windows only, so a stand-in type.
class StandInIdentity {
    static [string] $Sid = 'S-1-5-18'
    static [object] GetCurrent() { return [pscustomobject]@{ User = [pscustomobject]@{ Value = [StandInIdentity]::Sid } } }
}
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$accelerators::Add('System.Security.Principal.WindowsIdentity', [StandInIdentity])

$GeneralError = 'A general error occurred that is not covered by a more specific error code.'

# The stand-ins use no commands themselves (only the language and .NET): every command lookup
# while a script runs is the script's own.
$ScriptMethod = [System.Management.Automation.PSScriptMethod]

function New-CimSession {
    $session = [pscustomobject]@{ Existing = $script:Request.existing; Fail = $script:Request.fail }
    $session.PSObject.Methods.Add($ScriptMethod::new('EnumerateInstances', {
        param($Namespace, $Class, $Options)
        $script:Log.enumerated++
        if ($this.Fail -eq 'enumerate') { throw [System.InvalidOperationException]::new($GeneralError) }
        $found = [System.Collections.Generic.List[object]]::new()
        foreach ($id in $this.Existing) { $found.Add([pscustomobject]@{ InstanceID = [string]$id; ParentID = './Vendor/MSFT/VPNv2' }) }
        , $found
    }))
    $session.PSObject.Methods.Add($ScriptMethod::new('DeleteInstance', {
        param($Namespace, $Instance, $Options)
        if ($this.Fail -eq 'delete') { throw [System.InvalidOperationException]::new($GeneralError) }
        $script:Log.deleted.Add([string]$Instance.InstanceID)
    }))
    $session.PSObject.Methods.Add($ScriptMethod::new('CreateInstance', {
        param($Namespace, $Instance, $Options)
        $properties = [ordered]@{}
        foreach ($p in $Instance.CimInstanceProperties) { $properties[$p.Name] = [string]$p.Value }
        $script:Log.created.Add([ordered]@{ namespace = $Namespace; class = $Instance.CimSystemProperties.ClassName; properties = $properties; options = $Options.Custom })
        $Instance
    }))
    $session
}
function Remove-CimSession { param($CimSession) }
function Get-CimInstance { param($ClassName) [pscustomobject]@{ UserName = 'CONTOSO\alice' } }
function New-CimInstance { $script:Log.unexpected.Add('New-CimInstance (call)') }
function Remove-CimInstance { $script:Log.unexpected.Add('Remove-CimInstance (call)') }
function New-Object {
    param([string]$TypeName, [object[]]$ArgumentList)
    switch ($TypeName) {
        'Microsoft.Management.Infrastructure.Options.CimOperationOptions' {
            $options = [pscustomobject]@{ Custom = [ordered]@{} }
            $options.PSObject.Methods.Add($ScriptMethod::new('SetCustomOption', { param($Name, $Value, $MustComply) $this.Custom[$Name] = [string]$Value }))
            return $options
        }
        'System.Security.Principal.NTAccount' {
            $account = [pscustomobject]@{ Name = [string]$ArgumentList[0] }
            $account.PSObject.Methods.Add($ScriptMethod::new('Translate', { param($Type) [pscustomobject]@{ Value = 'S-1-5-21-1000-1000-1000-1001' } }))
            return $account
        }
        'Microsoft.Management.Infrastructure.CimInstance' {
            # The real class needs Windows' libmi: a stand-in with the two members the script uses.
            return [pscustomobject]@{
                CimInstanceProperties = [System.Collections.Generic.List[object]]::new()
                CimSystemProperties = [pscustomobject]@{ ClassName = [string]$ArgumentList[0]; Namespace = [string]$ArgumentList[1] }
            }
        }
        default { $script:Log.unexpected.Add("New-Object $TypeName"); return $null }
    }
}
# No param block: $args holds the parameter names as written and the values, in order.
function Set-VpnServerConfiguration { $call = @('Set-VpnServerConfiguration'); foreach ($a in $args) { $call += [string]$a }; $script:Log.calls.Add($call) }
function New-ItemProperty { $call = @('New-ItemProperty'); foreach ($a in $args) { $call += [string]$a }; $script:Log.calls.Add($call) }
function Restart-Service { $call = @('Restart-Service'); foreach ($a in $args) { $call += [string]$a }; $script:Log.calls.Add($call) }
function Write-Warning { param([string]$Message) $script:Log.warnings.Add($Message) }
function Write-Output { param([Parameter(ValueFromPipeline)]$InputObject) process { $script:Log.output.Add([string]$InputObject) } }

while ($null -ne ($line = $stdin.ReadLine())) {
    $script:Request = $line | ConvertFrom-Json
    [StandInIdentity]::Sid = if ($script:Request.identity) { $script:Request.identity } else { 'S-1-5-18' }
    $record = New-Recording
    $script:Log = $record
    try {
        $block = [scriptblock]::Create([string]$script:Request.text)
        $arguments = @{}
        if ($script:Request.userSid) { $arguments.UserSid = [string]$script:Request.userSid }
        $null = & $block @arguments
    }
    catch {
        $record.error = $_.Exception.Message
    }
    finally {
        $script:Log = $null
    }
    $record.id = $script:Request.id
    $stdout.WriteLine(($record | ConvertTo-Json -Depth 8 -Compress))
    $stdout.Flush()
}
