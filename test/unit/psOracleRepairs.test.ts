/**
 * Grammar defects PowerShell's own parser revealed (npm run test:pwsh, test/pwsh/) and their
 * repairs in the extraction: each case is what PowerShell 7.6's Parser::ParseInput reports for the
 * same text.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { parsePowerShellDocument } from '../../server/src/service/powershell/document';
import { embeddedProfiles } from '../../server/src/service/powershell/embedded';
import { loadPowerShellParser, type PowerShellParser } from '../../server/src/service/powershell/grammar';
import { grammarText } from '../../server/src/service/powershell/grammarText';
import type { PsScript } from '../../server/src/service/powershell/model';

let parser: PowerShellParser;
before(async () => {
  parser = await loadPowerShellParser(nodeWasmSource());
});

function extract(text: string): PsScript {
  return parsePowerShellDocument(parser, text).script;
}

describe('grammar repairs found by the PowerShell oracle', () => {
  it('reads typographic quotes as PowerShell does: an assignment of ‘…’ is a string, its profile is found', () => {
    const text = '$ProfileXML = \u2018<VPNProfile><ProfileName>it\u2019\u2019s</ProfileName></VPNProfile>\u2019\n';
    const script = extract(text);
    assert.equal(script.commands.length, 0, 'no command: PowerShell sees an assignment');
    const assignment = script.assignments.find((a) => a.variable === 'ProfileXML');
    assert.equal(assignment?.value.kind, 'string');
    assert.equal(assignment?.value.value, '<VPNProfile><ProfileName>it\u2019s</ProfileName></VPNProfile>');
    assert.deepEqual(
      script.strings.map((s) => [s.quoting, text.slice(s.span.start, s.span.end)]),
      [['single', text.slice(14, text.length - 1)]],
    );
    assert.equal(embeddedProfiles(parsePowerShellDocument(parser, text)).length, 1);
  });

  it('keeps typographic strings inside hashtables and after -Param: (no command made of their words)', () => {
    const text = 'Set-VpnConnection -Name:\u201cCorp VPN\u201d -Value @{ Name = \u2018Contoso VPN\u2019; X = 1 }\n';
    const script = extract(text);
    assert.deepEqual(
      script.commands.map((c) => c.name),
      ['Set-VpnConnection'],
    );
    const name = script.commands[0].parameters.find((p) => p.name === 'Name');
    assert.equal(name?.value?.kind, 'string');
    assert.equal(name?.value?.value, 'Corp VPN');
    assert.deepEqual(
      script.strings.map((s) => s.quoting),
      ['double', 'single'],
    );
    assert.equal(script.commands[0].parameters.find((p) => p.name === 'Value')?.value?.entries?.[0]?.value.value, 'Contoso VPN');
  });

  it('gives the grammar a text of the same length, with the same line breaks', () => {
    const text = '\u2018a\u2019 \u201cb\u201d \u201e \u201a \u201b \u2013x \u2014y \u2015z\r\n\u00e9';
    const seen = grammarText(text);
    assert.equal(seen, "'a' \"b\" \" ' ' -x -y -z\r\n\u00e9");
    assert.equal(seen.length, text.length);
  });

  it('reads the statement after `--` (end of parameters): the grammar lost it', () => {
    const text = 'Remove-VpnConnection -Force:$false -- Contoso; Get-VpnConnection -AllUserConnection # note\n';
    const script = extract(text);
    assert.deepEqual(
      script.commands.map((c) => c.name),
      ['Remove-VpnConnection', 'Get-VpnConnection'],
    );
    assert.deepEqual(
      script.commands[0].positional.map((v) => v.value),
      ['Contoso'],
    );
    assert.deepEqual(
      script.commands[1].parameters.map((p) => p.name),
      ['AllUserConnection'],
    );
    assert.equal(script.comments.length, 1);
  });

  it('keeps the pipeline input of a command with `--`', () => {
    const script = extract('Get-VpnConnection -Name Contoso |\n    Set-VpnConnection -Name Contoso -- $true\n');
    const set = script.commands.find((c) => c.name === 'Set-VpnConnection');
    assert.ok(set?.pipelineInput, 'Set-VpnConnection gets pipeline input');
  });

  it('reads a list that goes on after a line break, and the pipeline and strings around it', () => {
    const text = 'Set-VpnConnectionTriggerDnsConfiguration -DnsSuffix x, \'Größe\',\n    Café -DnsIPAddress "10.0.0.1"\n';
    const script = extract(text);
    const set = script.commands[0];
    assert.deepEqual(
      set?.parameters.find((p) => p.name === 'DnsSuffix')?.value?.items?.map((v) => v.value),
      ['x', 'Größe', 'Café'],
    );
    assert.equal(set?.parameters.find((p) => p.name === 'DnsIPAddress')?.value?.value, '10.0.0.1');
    assert.deepEqual(
      script.strings.map((s) => text.slice(s.span.start, s.span.end)),
      ["'Größe'", '"10.0.0.1"'],
    );
    const piped = extract("Get-VpnConnection -Name Contoso |\n    New-VpnServerAddress -FriendlyName 0x10, 'Größe',\n    Certificate\n");
    assert.ok(piped.commands.find((c) => c.name === 'New-VpnServerAddress')?.pipelineInput, 'the second command keeps its pipeline input');
  });

  it('reads a range in parentheses as an expression, not as a command named 1..3', () => {
    const script = extract('Add-VpnConnectionRoute -ConnectionName x -DestinationPrefix (1..3)\n');
    assert.deepEqual(
      script.commands.map((c) => c.name),
      ['Add-VpnConnectionRoute'],
    );
  });
});
