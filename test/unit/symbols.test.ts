import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { CLEAN_PROFILE, doc, service } from '../helpers/service';

const PROFILE = `<!--
  Corp user tunnel
  (managed by Intune)
-->
<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DnsSuffix>corp.example.net</DnsSuffix>
  <TrustedNetworkDetection>corp.example.net,branch.corp.example.net,lab.corp.example.net</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>vpn.example.net;vpn.example.net</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <UserMethod>EAP</UserMethod>
      <MachineMethod>EAP</MachineMethod>
      <Eap>
        <Configuration>
          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
            <EapMethod>
              <Type xmlns="http://www.microsoft.com/provisioning/EapCommon">25</Type>
            </EapMethod>
          </EapHostConfig>
        </Configuration>
      </Eap>
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
    <Address>10.0.0.0</Address>
    <PrefixSize>8</PrefixSize>
  </Route>
  <Route>
    <Address>203.0.113.0</Address>
    <PrefixSize>24</PrefixSize>
    <ExclusionRoute>true</ExclusionRoute>
  </Route>
  <TrafficFilter>
    <Protocol>6</Protocol>
    <RemotePortRanges>443</RemotePortRanges>
    <RemoteAddressRanges>10.0.0.0/8</RemoteAddressRanges>
  </TrafficFilter>
  <DomainNameInformation>
    <DomainName>.corp.example.net</DomainName>
    <DnsServers>10.0.0.10,10.0.0.11</DnsServers>
  </DomainNameInformation>
</VPNProfile>
`;

function symbols(text: string): DocumentSymbol[] {
  return service.documentSymbols(doc(text));
}

function find(list: DocumentSymbol[], path: string): DocumentSymbol {
  let current: DocumentSymbol | undefined;
  let level = list;
  for (const name of path.split('/')) {
    const [base, index] = name.split('#');
    current = level.filter((s) => s.name === base)[Number(index ?? 0)];
    assert.ok(current, `no symbol ${path}`);
    level = current.children ?? [];
  }
  return current!;
}

describe('document symbols', () => {
  const tree = symbols(PROFILE);
  const document = doc(PROFILE);

  it('is one tree rooted at VPNProfile, children in document order', () => {
    assert.deepEqual(
      tree.map((s) => s.name),
      ['VPNProfile'],
    );
    assert.equal(tree[0].kind, SymbolKind.Module);
    assert.deepEqual(
      tree[0].children!.map((s) => s.name),
      ['AlwaysOn', 'DnsSuffix', 'TrustedNetworkDetection', 'NativeProfile', 'Route', 'Route', 'TrafficFilter', 'DomainNameInformation'],
    );
  });

  it('covers each element with its range and selects its name', () => {
    const route = find(tree, 'VPNProfile/Route');
    assert.ok(document.getText(route.range).startsWith('<Route>'));
    assert.ok(document.getText(route.range).endsWith('</Route>'));
    assert.equal(document.getText(route.selectionRange), 'Route');
  });

  it('shows the value of scalar elements, truncated when long', () => {
    assert.equal(find(tree, 'VPNProfile/AlwaysOn').detail, 'true');
    assert.equal(find(tree, 'VPNProfile/NativeProfile/NativeProtocolType').detail, 'IKEv2');
    const long = find(tree, 'VPNProfile/TrustedNetworkDetection').detail!;
    assert.ok(long.length <= 48 && long.endsWith('…'), long);
  });

  it('summarises routes, NRPT rules, traffic filters and the native profile', () => {
    assert.equal(find(tree, 'VPNProfile/Route#0').detail, '10.0.0.0/8');
    assert.equal(find(tree, 'VPNProfile/Route#1').detail, '203.0.113.0/24 (exclusion)');
    assert.equal(find(tree, 'VPNProfile/DomainNameInformation').detail, '.corp.example.net → 10.0.0.10,10.0.0.11');
    assert.equal(find(tree, 'VPNProfile/TrafficFilter').detail, 'TCP 443 → 10.0.0.0/8');
    assert.equal(find(tree, 'VPNProfile/NativeProfile').detail, 'IKEv2, split tunnel');
    assert.equal(find(tree, 'VPNProfile/NativeProfile/Authentication').detail, 'user EAP, machine EAP');
    assert.equal(find(tree, 'VPNProfile/NativeProfile/CryptographySuite').detail, 'baseline');
  });

  it('keeps the EAP configuration as one symbol naming the EAP method', () => {
    const configuration = find(tree, 'VPNProfile/NativeProfile/Authentication/Eap/Configuration');
    assert.equal(configuration.children, undefined);
    assert.equal(configuration.detail, 'PEAP (type 25)');
  });

  it('chooses the symbol kind from the element type', () => {
    assert.equal(find(tree, 'VPNProfile/AlwaysOn').kind, SymbolKind.Boolean);
    assert.equal(find(tree, 'VPNProfile/Route/PrefixSize').kind, SymbolKind.Number);
    assert.equal(find(tree, 'VPNProfile/NativeProfile/NativeProtocolType').kind, SymbolKind.EnumMember);
    assert.equal(find(tree, 'VPNProfile/DnsSuffix').kind, SymbolKind.String);
    assert.equal(find(tree, 'VPNProfile/Route').kind, SymbolKind.Struct);
    assert.equal(find(tree, 'VPNProfile/NativeProfile').kind, SymbolKind.Object);
    assert.equal(find(symbols(CLEAN_PROFILE.replace('<AlwaysOn>', '<Foo>x</Foo><AlwaysOn>')), 'VPNProfile/Foo').kind, SymbolKind.Field);
  });

  it('says force tunnel when RoutingPolicyType is absent (the Windows default)', () => {
    const text = CLEAN_PROFILE.replace('    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>\n', '');
    assert.equal(find(symbols(text), 'VPNProfile/NativeProfile').detail, 'IKEv2, force tunnel');
  });

  it('builds a tree for a broken document and nothing for other XML', () => {
    const broken = symbols('<VPNProfile>\n  <NativeProfile>\n    <Servers>vpn.example.net</Servers>\n  <Route>\n');
    assert.deepEqual(
      find(broken, 'VPNProfile/NativeProfile').children!.map((s) => s.name),
      ['Servers', 'Route'],
    );
    assert.deepEqual(symbols('<project><AlwaysOn>true</AlwaysOn></project>'), []);
  });
});

describe('folding ranges', () => {
  const ranges = service.foldingRanges(doc(PROFILE));
  const lines = PROFILE.split('\n');
  const lineOf = (needle: string, from = 0): number => {
    const index = lines.findIndex((l, i) => i >= from && l.includes(needle));
    assert.ok(index >= 0, needle);
    return index;
  };

  it('folds multi-line elements up to the line before their end tag', () => {
    const root = ranges.find((r) => r.startLine === lineOf('<VPNProfile>'));
    assert.deepEqual(root, { startLine: lineOf('<VPNProfile>'), endLine: lineOf('</VPNProfile>') - 1 });
    const native = ranges.find((r) => r.startLine === lineOf('<NativeProfile>'));
    assert.equal(native?.endLine, lineOf('</NativeProfile>') - 1);
    const suite = ranges.find((r) => r.startLine === lineOf('<CryptographySuite>'));
    assert.equal(suite?.endLine, lineOf('</CryptographySuite>') - 1);
    assert.ok(
      ranges.some((r) => r.startLine === lineOf('<EapHostConfig')),
      'opaque content folds too',
    );
  });

  it('does not fold single-line elements', () => {
    assert.ok(!ranges.some((r) => r.startLine === lineOf('<AlwaysOn>')));
    assert.ok(!ranges.some((r) => r.startLine === lineOf('<Servers>')));
  });

  it('folds multi-line comments to their last line', () => {
    assert.deepEqual(ranges[0], { startLine: 0, endLine: 3, kind: FoldingRangeKind.Comment });
  });

  it('folds unclosed elements to their last line of content', () => {
    const broken = service.foldingRanges(
      doc('<VPNProfile>\n  <Route>\n    <Address>10.0.0.0</Address>\n    <PrefixSize>8</PrefixSize>\n\n'),
    );
    assert.deepEqual(broken, [
      { startLine: 0, endLine: 3 },
      { startLine: 1, endLine: 3 },
    ]);
  });

  it('returns ranges sorted by start line', () => {
    const starts = ranges.map((r) => r.startLine);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });
});
