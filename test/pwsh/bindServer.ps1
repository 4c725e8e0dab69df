# The binder oracle's PowerShell side (test/pwsh/binderOracle.ts). The first request holds the
# proxy functions generated from schemas/vpn-cmdlets.json ({ "define": … }); each further request
# ({ "id", "text" }) is one invocation of them. Each proxy records what PowerShell bound (parameter
# set, bound parameters with their values, $args); a binding failure is answered with its error id
# and the parameter it names. The proxies do nothing else.
$ErrorActionPreference = 'Stop'
$stdin = [Console]::In
$stdout = [Console]::Out
$script:Record = $null

function Save-Binding($Bound, $Cmdlet, $Remaining) {
    $values = [ordered]@{}
    foreach ($key in $Bound.Keys) {
        $v = $Bound[$key]
        if ($v -is [System.Management.Automation.SwitchParameter]) { $values[$key] = [string]$v.IsPresent }
        elseif ($v -is [array]) { $values[$key] = @(foreach ($item in $v) { [string]$item }) }
        else { $values[$key] = [string]$v }
    }
    $script:Record = [ordered]@{ ok = $true; set = if ($Cmdlet) { $Cmdlet.ParameterSetName } else { '' }; bound = $values; args = @(foreach ($a in $Remaining) { [string]$a }) }
}

while ($null -ne ($line = $stdin.ReadLine())) {
    $request = $line | ConvertFrom-Json
    if ($request.define) {
        . ([scriptblock]::Create([string]$request.define))
        $stdout.WriteLine('{"defined":true}')
        $stdout.Flush()
        continue
    }
    $script:Record = $null
    try {
        $null = & ([scriptblock]::Create([string]$request.text))
        if ($null -eq $script:Record) { $script:Record = [ordered]@{ ok = $false; error = 'NotInvoked' } }
    }
    catch {
        $id = ([string]$_.FullyQualifiedErrorId).Split(',')[0]
        $parameter = if ($_.Exception -is [System.Management.Automation.ParameterBindingException]) { $_.Exception.ParameterName } else { $null }
        $script:Record = [ordered]@{ ok = $false; error = $id; parameter = $parameter; message = $_.Exception.Message }
    }
    $script:Record.id = $request.id
    $stdout.WriteLine(($script:Record | ConvertTo-Json -Depth 6 -Compress))
    $stdout.Flush()
}
