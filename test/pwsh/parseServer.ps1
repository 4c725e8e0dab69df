# The parser oracle's PowerShell side (test/pwsh/parserOracle.ts): reads one JSON request per
# line on stdin ({ "id": …, "text": … }), parses the text with PowerShell's own parser and writes
# one JSON line back with what the extension's rules depend on. Offsets are PowerShell's
# extent offsets (UTF-16 code units, as JavaScript counts them). It runs nothing it parses.
$ErrorActionPreference = 'Stop'
$stdin = [Console]::In
$stdout = [Console]::Out

function Get-Quoting([System.Management.Automation.Language.Ast]$Ast) {
    if ($Ast -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
        switch ($Ast.StringConstantType) {
            'BareWord' { return 'bare' }
            'SingleQuoted' { return 'single' }
            'DoubleQuoted' { return 'double' }
            'SingleQuotedHereString' { return 'single-here' }
            'DoubleQuotedHereString' { return 'double-here' }
        }
    }
    if ($Ast -is [System.Management.Automation.Language.ExpandableStringExpressionAst]) {
        switch ($Ast.StringConstantType) {
            'BareWord' { return 'expandable-bare' }
            'DoubleQuoted' { return 'expandable-double' }
            'DoubleQuotedHereString' { return 'expandable-double-here' }
        }
    }
    return $null
}

function Get-Value([System.Management.Automation.Language.Ast]$Ast) {
    $o = [ordered]@{ start = $Ast.Extent.StartOffset; end = $Ast.Extent.EndOffset; ast = $Ast.GetType().Name }
    $q = Get-Quoting $Ast
    if ($q) { $o.quoting = $q }
    if ($Ast -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $o.value = $Ast.Value }
    elseif ($Ast -is [System.Management.Automation.Language.ExpandableStringExpressionAst]) {
        $o.value = $Ast.Value
        $o.parts = @($Ast.NestedExpressions | ForEach-Object { @{ start = $_.Extent.StartOffset; end = $_.Extent.EndOffset } })
    }
    elseif ($Ast -is [System.Management.Automation.Language.VariableExpressionAst]) { $o.variable = $Ast.VariablePath.UserPath; $o.splatted = $Ast.Splatted }
    elseif ($Ast -is [System.Management.Automation.Language.ConstantExpressionAst]) { $o.value = [string]$Ast.Value }
    elseif ($Ast -is [System.Management.Automation.Language.ArrayLiteralAst]) { $o.items = @($Ast.Elements | ForEach-Object { Get-Value $_ }) }
    return $o
}

function Get-Command([System.Management.Automation.Language.CommandAst]$Command) {
    $pipeline = $Command.Parent
    $position = 0
    $length = 1
    if ($pipeline -is [System.Management.Automation.Language.PipelineAst]) {
        $position = $pipeline.PipelineElements.IndexOf($Command)
        $length = $pipeline.PipelineElements.Count
    }
    $elements = @()
    $first = $true
    foreach ($e in $Command.CommandElements) {
        if ($first) { $first = $false; continue }
        if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
            $p = [ordered]@{ type = 'parameter'; name = $e.ParameterName; start = $e.Extent.StartOffset; end = $e.Extent.EndOffset }
            if ($e.Argument) { $p.argument = Get-Value $e.Argument }
            $elements += $p
        }
        else {
            $v = Get-Value $e
            $v.type = 'argument'
            $elements += $v
        }
    }
    $name = $Command.CommandElements[0]
    return [ordered]@{
        name = $Command.GetCommandName()
        nameStart = $name.Extent.StartOffset
        nameEnd = $name.Extent.EndOffset
        start = $Command.Extent.StartOffset
        end = $Command.Extent.EndOffset
        invocation = [string]$Command.InvocationOperator
        position = $position
        pipelineLength = $length
        redirections = $Command.Redirections.Count
        elements = $elements
    }
}

while ($null -ne ($line = $stdin.ReadLine())) {
    $request = $line | ConvertFrom-Json
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$request.text, [ref]$tokens, [ref]$errors)
    if ($null -eq $ast) {
        # The parser gave up (nesting deeper than it allows): say so instead of guessing.
        $stdout.WriteLine((@{ id = $request.id; errors = @(@{ id = 'NoAst'; start = 0; message = 'ParseInput returned no tree' }) } | ConvertTo-Json -Depth 4 -Compress))
        $stdout.Flush()
        continue
    }
    $commands = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { Get-Command $_ })
    $assignments = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.AssignmentStatementAst] }, $true) | ForEach-Object {
        $left = $_.Left
        while ($left -is [System.Management.Automation.Language.ConvertExpressionAst] -or $left -is [System.Management.Automation.Language.AttributedExpressionAst]) { $left = $left.Child }
        $o = [ordered]@{ start = $_.Extent.StartOffset; end = $_.Extent.EndOffset; operator = [string]$_.Operator; left = $left.GetType().Name }
        if ($left -is [System.Management.Automation.Language.VariableExpressionAst]) { $o.variable = $left.VariablePath.UserPath; $o.variableStart = $left.Extent.StartOffset }
        $right = $_.Right
        if ($right -is [System.Management.Automation.Language.CommandExpressionAst]) { $o.value = Get-Value $right.Expression }
        $o
    })
    $strings = @($ast.FindAll({ param($a) ($a -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $a.StringConstantType -ne 'BareWord') -or ($a -is [System.Management.Automation.Language.ExpandableStringExpressionAst] -and $a.StringConstantType -ne 'BareWord') }, $true) | ForEach-Object { Get-Value $_ })
    $comments = @($tokens | Where-Object { $_.Kind -eq 'Comment' } | ForEach-Object { @{ start = $_.Extent.StartOffset; end = $_.Extent.EndOffset } })
    $continuations = @($tokens | Where-Object { $_.Kind -eq 'LineContinuation' } | ForEach-Object { $_.Extent.StartOffset })
    $stopParsing = @($tokens | Where-Object { $_.Kind -eq 'Parameter' -and $_.Text -eq '--%' } | ForEach-Object { $_.Extent.StartOffset })
    $reply = [ordered]@{
        id = $request.id
        errors = @($errors | ForEach-Object { @{ id = $_.ErrorId; start = $_.Extent.StartOffset; message = $_.Message } })
        commands = $commands
        assignments = $assignments
        strings = $strings
        comments = $comments
        continuations = $continuations
    }
    $stdout.WriteLine(($reply | ConvertTo-Json -Depth 12 -Compress))
    $stdout.Flush()
}
