import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, CLEAN_PROFILE, diagnose, doc, findingsOf, quickFixes, service } from '../helpers/service';
import { routingRules } from '../../server/src/service/profilexml/rules/routing';
import { assertFamilyCorpusSafe } from '../helpers/corpus';
import type { RuleId } from '../../server/src/service/core/ruleIds';

const ROUTE = '  <Route>\n    <Address>10.0.0.0</Address>\n    <PrefixSize>8</PrefixSize>\n  </Route>\n';
const FORCE = CLEAN_PROFILE.replace('>SplitTunnel<', '>ForceTunnel<');

/** CLEAN_PROFILE with extra top-level elements after its Route. */
function withElements(xml: string, profile = CLEAN_PROFILE): string {
  return profile.replace('</VPNProfile>', `${xml}</VPNProfile>`);
}

function withRoute(address: string, prefix: string): string {
  return CLEAN_PROFILE.replace('<Address>10.0.0.0</Address>', `<Address>${address}</Address>`).replace(
    '<PrefixSize>8</PrefixSize>',
    `<PrefixSize>${prefix}</PrefixSize>`,
  );
}

function withFilter(inner: string): string {
  return withElements(`  <TrafficFilter>\n${inner}  </TrafficFilter>\n`);
}

function withNrpt(domainName: string, dnsServers = '10.0.0.10,10.0.0.11'): string {
  return withElements(
    `  <DomainNameInformation>\n    <DomainName>${domainName}</DomainName>\n    <DnsServers>${dnsServers}</DnsServers>\n  </DomainNameInformation>\n`,
  );
}

function withServers(servers: string): string {
  return CLEAN_PROFILE.replace('<Servers>vpn.example.com;vpn.example.com</Servers>', `<Servers>${servers}</Servers>`);
}

function plugin(serverUrlList: string): string {
  return `<VPNProfile>\n  <PluginProfile>\n    <ServerUrlList>${serverUrlList}</ServerUrlList>\n    <PluginPackageFamilyName>PaloAltoNetworks.GlobalProtect_rn9aeerfb38dg</PluginPackageFamilyName>\n  </PluginProfile>\n</VPNProfile>\n`;
}

/** Text and range of every finding of `ruleId`. */
function texts(text: string, ruleId: RuleId): string[] {
  return findingsOf(text, ruleId).map((f) => f.text);
}

describe('split-tunnel-without-routes', () => {
  const noRoute = CLEAN_PROFILE.replace(ROUTE, '');

  it('reports split tunnel with DisableClassBasedDefaultRoute true and no Route', () => {
    const [finding, ...rest] = findingsOf(noRoute, 'split-tunnel-without-routes');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'DisableClassBasedDefaultRoute');
    assert.equal(finding.range, '19:5-19:34');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /no traffic goes through the tunnel/);
  });

  it('counts only routes into the tunnel: exclusion routes alone send nothing through it (VPNv2 CSP: ExclusionRoute points at the physical interface)', () => {
    const onlyExclusion = CLEAN_PROFILE.replace(
      '    <PrefixSize>8</PrefixSize>\n  </Route>',
      '    <PrefixSize>8</PrefixSize>\n    <ExclusionRoute>true</ExclusionRoute>\n  </Route>',
    );
    const [finding, ...rest] = findingsOf(onlyExclusion, 'split-tunnel-without-routes');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'DisableClassBasedDefaultRoute');
    assert.match(finding.message, /only exclusion routes \(ExclusionRoute true, one Route\)/);
    assert.match(finding.message, /no traffic goes through the tunnel/);
    // One route into the tunnel beside the exclusion route is enough.
    const exclusion =
      '  <Route>\n    <Address>203.0.113.0</Address>\n    <PrefixSize>24</PrefixSize>\n    <ExclusionRoute>true</ExclusionRoute>\n  </Route>\n';
    assert.deepEqual(findingsOf(withElements(exclusion), 'split-tunnel-without-routes'), []);
    // ExclusionRoute false is a route into the tunnel.
    const notExcluded = CLEAN_PROFILE.replace(
      '    <PrefixSize>8</PrefixSize>\n  </Route>',
      '    <PrefixSize>8</PrefixSize>\n    <ExclusionRoute>false</ExclusionRoute>\n  </Route>',
    );
    assert.deepEqual(findingsOf(notExcluded, 'split-tunnel-without-routes'), []);
  });

  it('does not fire with a Route, with the class-based route kept, or when IKEv2 traffic selectors become routes', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'split-tunnel-without-routes'), []);
    assert.deepEqual(
      findingsOf(
        noRoute.replace('<DisableClassBasedDefaultRoute>true<', '<DisableClassBasedDefaultRoute>false<'),
        'split-tunnel-without-routes',
      ),
      [],
    );
    const plumbed = noRoute.replace('    <Authentication>', '    <PlumbIKEv2TSAsRoutes>true</PlumbIKEv2TSAsRoutes>\n    <Authentication>');
    assert.deepEqual(findingsOf(plumbed, 'split-tunnel-without-routes'), []);
  });
});

describe('force-tunnel-class-route', () => {
  it('reports DisableClassBasedDefaultRoute true with force tunnel and removes it', () => {
    const [finding] = findingsOf(FORCE, 'force-tunnel-class-route');
    assert.equal(finding.text, 'DisableClassBasedDefaultRoute');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /RoutingPolicyType is ForceTunnel/);
    const fixed = applyFix(FORCE, 'force-tunnel-class-route');
    assert.equal(fixed, FORCE.replace('    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>\n', ''));
    assert.deepEqual(findingsOf(fixed, 'force-tunnel-class-route'), []);
  });

  it('reads a missing RoutingPolicyType as force tunnel', () => {
    const text = CLEAN_PROFILE.replace('    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>\n', '');
    const [finding] = findingsOf(text, 'force-tunnel-class-route');
    assert.match(finding.message, /no RoutingPolicyType, which means force tunnel/);
  });

  it('does not fire for split tunnel or for DisableClassBasedDefaultRoute false', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'force-tunnel-class-route'), []);
    assert.deepEqual(
      findingsOf(
        FORCE.replace('<DisableClassBasedDefaultRoute>true<', '<DisableClassBasedDefaultRoute>false<'),
        'force-tunnel-class-route',
      ),
      [],
    );
  });
});

describe('force-tunnel-routes', () => {
  const exclusion =
    '  <Route>\n    <Address>203.0.113.0</Address>\n    <PrefixSize>24</PrefixSize>\n    <ExclusionRoute>true</ExclusionRoute>\n  </Route>\n';
  const hostRoute = '  <Route>\n    <Address>10.1.2.3</Address>\n    <PrefixSize>32</PrefixSize>\n  </Route>\n';
  const v6HostRoute = '  <Route>\n    <Address>2001:db8::10</Address>\n    <PrefixSize>128</PrefixSize>\n  </Route>\n';

  it('reports a Route that is not an exclusion route, at the Route name', () => {
    const text = withElements(exclusion, FORCE);
    const findings = findingsOf(text, 'force-tunnel-routes');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].text, 'Route');
    assert.equal(findings[0].range, '21:3-21:8');
    assert.equal(findings[0].severity, 2);
    assert.match(findings[0].message, /This Route \(10\.0\.0\.0\/8\) sends a network into the tunnel/);
    assert.match(findings[0].message, /exclusion routes/);
  });

  it('reports once per profile, at the first such Route, with the others as related information and their count (catalogue: one finding per profile)', () => {
    const text = withElements(exclusion + hostRoute + v6HostRoute, FORCE);
    const d = doc(text);
    const findings = service.validate(d).filter((x) => x.code === 'force-tunnel-routes');
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(d.getText(finding.range), 'Route');
    assert.equal(finding.range.start.line, 21);
    assert.match(
      typeof finding.message === 'string' ? finding.message : finding.message.value,
      /^3 Route entries \(10\.0\.0\.0\/8, 10\.1\.2\.3\/32, 2001:db8::10\/128\) send networks into the tunnel/,
    );
    const related = finding.relatedInformation ?? [];
    assert.deepEqual(
      related.map((r) => [r.location.range.start.line, r.message]),
      [
        [30, 'Route 10.1.2.3/32 also sends a network into the tunnel'],
        [34, 'Route 2001:db8::10/128 also sends a network into the tunnel'],
      ],
    );
  });

  it("never claims a host route adds nothing: a /32 or /128 can override another tunnel's route (the message says when a route matters)", () => {
    const text = FORCE.replace(ROUTE, hostRoute);
    const [finding] = findingsOf(text, 'force-tunnel-routes');
    assert.doesNotMatch(finding.message, /adds nothing/);
    assert.match(
      finding.message,
      /only where another interface has a more specific route for the same addresses \(for example a device tunnel or the local network\)/,
    );
    assert.match(finding.message, /Richard Hicks' sample profiles/);
  });

  it('lists at most three routes in the message and counts the rest', () => {
    const more = ['10.2.0.0', '10.3.0.0', '10.4.0.0']
      .map((a) => `  <Route>\n    <Address>${a}</Address>\n    <PrefixSize>16</PrefixSize>\n  </Route>\n`)
      .join('');
    const [finding, ...rest] = findingsOf(withElements(more, FORCE), 'force-tunnel-routes');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /^4 Route entries \(10\.0\.0\.0\/8, 10\.2\.0\.0\/16, 10\.3\.0\.0\/16 and 1 more\)/);
  });

  it('does not fire for exclusion routes or for split tunnel', () => {
    assert.deepEqual(findingsOf(FORCE.replace(ROUTE, exclusion), 'force-tunnel-routes'), []);
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'force-tunnel-routes'), []);
  });

  it('leaves a force-tunnel device tunnel to device-tunnel-force-tunnel (its fix keeps the routes)', () => {
    const device = FORCE.replace('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n');
    assert.deepEqual(
      diagnose(device).map((f) => f.code),
      ['device-tunnel-force-tunnel'],
    );
  });
});

describe('proxy-ignored-split-tunnel', () => {
  const proxy = '  <Proxy>\n    <AutoConfigUrl>http://proxy.example.com/proxy.pac</AutoConfigUrl>\n  </Proxy>\n';

  it('notes a Proxy in a split-tunnel profile', () => {
    const [finding] = findingsOf(withElements(proxy), 'proxy-ignored-split-tunnel');
    assert.equal(finding.text, 'Proxy');
    assert.equal(finding.severity, 3);
    assert.match(finding.message, /only with force tunnel/);
  });

  it('does not fire with force tunnel', () => {
    assert.deepEqual(findingsOf(withElements(proxy, FORCE), 'proxy-ignored-split-tunnel'), []);
  });
});

describe('proxy-server-without-port', () => {
  const manual = (server: string): string =>
    withElements(`  <Proxy>\n    <Manual>\n      <Server>${server}</Server>\n    </Manual>\n  </Proxy>\n`, FORCE);

  it('reports a proxy server without :port (VPNv2 CSP: "with port appended after a colon")', () => {
    const [finding, ...rest] = findingsOf(manual('proxy.example.com'), 'proxy-server-without-port');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'proxy.example.com');
    assert.equal(finding.range, '27:14-27:31');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /"proxy\.example\.com" has no port: write the port after a colon, for example proxy\.example\.com:8080/);
    assert.match(finding.message, /VPNv2 CSP page/);
    assert.deepEqual(quickFixes(manual('proxy.example.com'), 'proxy-server-without-port'), []);
  });

  it('reports an IPv4 address, a bracketed IPv6 address without a port, and a bare IPv6 address (which cannot carry one)', () => {
    assert.deepEqual(texts(manual('10.0.0.5'), 'proxy-server-without-port'), ['10.0.0.5']);
    const [bracketed] = findingsOf(manual('[2001:db8::1]'), 'proxy-server-without-port');
    assert.match(bracketed.message, /write it after the brackets, for example \[2001:db8::1\]:8080/);
    // 2001:db8::1:8080 is itself a valid IPv6 address: the 8080 reads as its last group.
    const [bare] = findingsOf(manual('2001:db8::1:8080'), 'proxy-server-without-port');
    assert.equal(bare.text, '2001:db8::1:8080');
    assert.match(bare.message, /bare IPv6 address.*\[2001:db8::1:8080\]:8080/);
  });

  it('accepts host:port, IPv4:port and [IPv6]:port', () => {
    for (const server of ['proxy.example.com:8080', '10.0.0.5:3128', '[2001:db8::1]:8080', ' proxy.example.com:80 ']) {
      assert.deepEqual(findingsOf(manual(server), 'proxy-server-without-port'), [], server);
    }
  });

  it('leaves values of another shape to invalid-value (one finding per mistake)', () => {
    const text = manual('http://proxy.example.com');
    assert.deepEqual(findingsOf(text, 'proxy-server-without-port'), []);
    assert.equal(findingsOf(text, 'invalid-value').length, 1);
  });

  it('reads only Proxy/Manual/Server, not WebProxyServers of an NRPT rule (its port is optional)', () => {
    const text = withElements(
      '  <DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <WebProxyServers>10.0.0.5</WebProxyServers>\n  </DomainNameInformation>\n',
    );
    assert.deepEqual(findingsOf(text, 'proxy-server-without-port'), []);
  });
});

describe('invalid-route', () => {
  it('reports an Address that holds a prefix and says where the length goes', () => {
    const [finding] = findingsOf(withRoute('10.0.0.0/8', '8'), 'invalid-route');
    assert.equal(finding.text, '10.0.0.0/8');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /put 8 in PrefixSize/);
  });

  it('reports names and malformed IPv4 or IPv6 addresses', () => {
    assert.deepEqual(texts(withRoute('intranet', '8'), 'invalid-route'), ['intranet']);
    assert.deepEqual(texts(withRoute('10.0.0.256', '8'), 'invalid-route'), ['10.0.0.256']);
    assert.deepEqual(texts(withRoute('2001:db8:::1', '48'), 'invalid-route'), ['2001:db8:::1']);
  });

  it('reports a PrefixSize longer than the address family allows', () => {
    const [finding] = findingsOf(withRoute('10.0.0.0', '33'), 'invalid-route');
    assert.equal(finding.text, '33');
    assert.match(finding.message, /at most 32 bits/);
  });

  it('leaves a PrefixSize beyond the model maximum to invalid-value', () => {
    const text = withRoute('2001:db8::', '129');
    assert.deepEqual(findingsOf(text, 'invalid-route'), []);
    assert.deepEqual(texts(text, 'invalid-value'), ['129']);
  });

  it('accepts IPv4 and IPv6 routes, host bits set included', () => {
    assert.deepEqual(findingsOf(withRoute('10.1.2.3', '8'), 'invalid-route'), []);
    assert.deepEqual(findingsOf(withRoute('2001:db8:2112::', '48'), 'invalid-route'), []);
    assert.deepEqual(findingsOf(withRoute('::ffff:10.0.0.1', '128'), 'invalid-route'), []);
    assert.deepEqual(findingsOf(withRoute('10.0.0.0', ' 24'), 'invalid-route'), []);
  });
});

describe('invalid-address-list', () => {
  it('points at the one bad DnsServers entry', () => {
    const [finding, ...rest] = findingsOf(withNrpt('.corp.example.com', '10.0.0.10, 10.0.0.300'), 'invalid-address-list');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, '10.0.0.300');
    assert.equal(finding.range, '27:27-27:37');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /four numbers from 0 to 255/);
  });

  it('suggests commas when DnsServers separates addresses with spaces', () => {
    const [finding] = findingsOf(withNrpt('.corp.example.com', '10.0.0.10 10.0.0.11'), 'invalid-address-list');
    assert.equal(finding.text, '10.0.0.10 10.0.0.11');
    assert.match(finding.message, /separate them with commas/);
  });

  it('rejects ranges and prefixes in DnsServers, which takes addresses only', () => {
    assert.deepEqual(texts(withNrpt('.corp.example.com', '10.0.0.0/24'), 'invalid-address-list'), ['10.0.0.0/24']);
  });

  it('reports malformed prefixes, reversed and mixed ranges, and empty entries in address ranges', () => {
    const text = withFilter(
      '    <RemoteAddressRanges>10.0.0.0/33,10.0.0.9-10.0.0.1,10.0.0.1-2001:db8::1,172.16.0.0.24,,10.1.0.0/16</RemoteAddressRanges>\n',
    );
    const findings = findingsOf(text, 'invalid-address-list');
    assert.deepEqual(
      findings.map((f) => f.text),
      ['10.0.0.0/33', '10.0.0.9-10.0.0.1', '10.0.0.1-2001:db8::1', '172.16.0.0.24', ','],
    );
    assert.match(findings[0].message, /from 0 to 32/);
    assert.match(findings[1].message, /starts after it ends/);
    assert.match(findings[2].message, /same family/);
    assert.match(findings[4].message, /empty entry/);
  });

  it('maps an entity-escaped entry to its characters in the source', () => {
    const text = withFilter('    <LocalAddressRanges>10.0.0.1,&#49;0.0.0.x</LocalAddressRanges>\n');
    const [finding] = findingsOf(text, 'invalid-address-list');
    assert.equal(finding.text, '&#49;0.0.0.x');
    assert.match(finding.message, /"10\.0\.0\.x"/);
  });

  it('falls back to the whole value when entries cannot be located (CDATA)', () => {
    const [finding] = findingsOf(withNrpt('.corp.example.com', '<![CDATA[10.0.0.1,bad]]>'), 'invalid-address-list');
    assert.equal(finding.text, '<![CDATA[10.0.0.1,bad]]>');
    assert.match(finding.message, /"bad"/);
  });

  it('leaves an unexpanded template variable to placeholder-value (one finding for the value, not two)', () => {
    const text = withNrpt('.corp.example.com', '{dns_servers}');
    assert.deepEqual(findingsOf(text, 'invalid-address-list'), []);
    const [finding] = findingsOf(text, 'placeholder-value');
    assert.equal(finding.text, '{dns_servers}');
    assert.match(finding.message, /template placeholder/);
  });

  it('accepts addresses, prefixes, ranges and spaces around commas', () => {
    assert.deepEqual(findingsOf(withNrpt('.corp.example.com', '10.0.0.10 , 10.0.0.11'), 'invalid-address-list'), []);
    const text = withFilter(
      '    <LocalAddressRanges>3.3.3.3/32,1.1.1.1-2.2.2.2</LocalAddressRanges>\n    <RemoteAddressRanges>30.30.0.0/16, 10.10.10.10-20.20.20.20, 2001:db8::/32, 0.0.0.0/0</RemoteAddressRanges>\n',
    );
    assert.deepEqual(findingsOf(text, 'invalid-address-list'), []);
  });
});

describe('invalid-port-range', () => {
  it('points at the bad port entries', () => {
    const text = withFilter('    <Protocol>6</Protocol>\n    <RemotePortRanges>80,443,70000,200-100,http</RemotePortRanges>\n');
    const findings = findingsOf(text, 'invalid-port-range');
    assert.deepEqual(
      findings.map((f) => f.text),
      ['70000', '200-100', 'http'],
    );
    assert.equal(findings[0].severity, 1);
    assert.match(findings[0].message, /0 to 65535/);
    assert.match(findings[1].message, /starts after it ends/);
    assert.match(findings[2].message, /not a port/);
  });

  it('reports ports without TCP or UDP in the same TrafficFilter', () => {
    const [missing] = findingsOf(withFilter('    <LocalPortRanges>3389</LocalPortRanges>\n'), 'invalid-port-range');
    assert.equal(missing.text, 'LocalPortRanges');
    assert.match(missing.message, /needs a Protocol/);
    const [icmp] = findingsOf(
      withFilter('    <Protocol>1</Protocol>\n    <RemotePortRanges>443</RemotePortRanges>\n'),
      'invalid-port-range',
    );
    assert.equal(icmp.text, 'RemotePortRanges');
    assert.match(icmp.message, /Protocol 1/);
  });

  it('accepts TCP and UDP ports and ranges', () => {
    assert.deepEqual(
      findingsOf(
        withFilter(
          '    <Protocol>17</Protocol>\n    <LocalPortRanges>10,20-50, 100-200</LocalPortRanges>\n    <RemotePortRanges>0-65535</RemotePortRanges>\n',
        ),
        'invalid-port-range',
      ),
      [],
    );
  });
});

describe('invalid-server-list', () => {
  it('points at a malformed server name among good ones', () => {
    const [finding, ...rest] = findingsOf(withServers('vpn.example.com;vpn.example.com,vpn..example.com'), 'invalid-server-list');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'vpn..example.com');
    assert.equal(finding.range, '5:45-5:61');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /empty label/);
  });

  it('reports empty entries, a missing address, URLs, ports and placeholders', () => {
    assert.deepEqual(texts(withServers('vpn.example.com,'), 'invalid-server-list'), [',']);
    const [noAddress] = findingsOf(withServers(';VPN'), 'invalid-server-list');
    assert.equal(noAddress.text, ';VPN');
    assert.match(noAddress.message, /address comes first/);
    assert.match(findingsOf(withServers('https://vpn.example.com'), 'invalid-server-list')[0].message, /without "https:\/\/"/);
    assert.match(findingsOf(withServers('vpn.example.com:443'), 'invalid-server-list')[0].message, /port/);
    // A script variable left in the file is placeholder-value's (one finding for the value).
    assert.deepEqual(findingsOf(withServers('$Fqdn'), 'invalid-server-list'), []);
    assert.deepEqual(texts(withServers('$Fqdn'), 'placeholder-value'), ['$Fqdn']);
  });

  it("reports the double dot of the plug-in example of Microsoft's former ProfileXML XSD page (2018) in ServerUrlList", () => {
    const [finding] = findingsOf(plugin('testserver1.contoso.com;testserver2.contoso..com'), 'invalid-server-list');
    assert.equal(finding.text, 'testserver2.contoso..com');
    assert.match(finding.message, /ServerUrlList is a semicolon-separated list/);
  });

  it('accepts names, IP addresses, friendly names and URLs', () => {
    assert.deepEqual(findingsOf(withServers('vpn.example.com;VPN Gateway, 203.0.113.5,2001:db8::5;v6'), 'invalid-server-list'), []);
    assert.deepEqual(
      findingsOf(plugin('https://vpn.example.com/remote;vpn2.example.com:8443; 198.51.100.1;[2001:db8::1]:443'), 'invalid-server-list'),
      [],
    );
  });
});

describe('invalid-dns-suffix', () => {
  it('reports a DnsSuffix entry written with a leading dot', () => {
    const text = CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>corp.example.com,.finance.example.com<');
    const [finding] = findingsOf(text, 'invalid-dns-suffix');
    assert.equal(finding.text, '.finance.example.com');
    assert.equal(finding.range, '2:30-2:50');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /without it \(finance\.example\.com\)/);
  });

  it('reports spaces and double dots in DnsSuffix', () => {
    const spaced = CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>corp example.com<');
    const [finding] = findingsOf(spaced, 'invalid-dns-suffix');
    assert.equal(finding.text, 'corp example.com');
    assert.match(finding.message, /contains a space/);
    const doubled = CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>corp..example.com<');
    assert.deepEqual(texts(doubled, 'invalid-dns-suffix'), ['corp..example.com']);
  });

  it("reads TrustedNetworkDetection as network names: only empty entries are reported (template variables are placeholder-value's)", () => {
    const tnd = (value: string): string =>
      CLEAN_PROFILE.replace('<TrustedNetworkDetection>corp.example.com<', `<TrustedNetworkDetection>${value}<`);
    assert.deepEqual(findingsOf(tnd('corp.example.com,{trusted_network}'), 'invalid-dns-suffix'), []);
    assert.deepEqual(texts(tnd('corp.example.com,{trusted_network}'), 'placeholder-value'), ['{trusted_network}']);
    assert.deepEqual(texts(tnd('corp.example.com,,example.net'), 'invalid-dns-suffix'), [',']);
    // Windows names a second connection to the same domain "corp.example.com 2".
    assert.deepEqual(findingsOf(tnd('corp.example.com 2,Intranet'), 'invalid-dns-suffix'), []);
  });

  it('checks NRPT DomainName: FQDN, .suffix or "."', () => {
    assert.deepEqual(texts(withNrpt('corp example.com'), 'invalid-dns-suffix'), ['corp example.com']);
    assert.deepEqual(texts(withNrpt('..corp.example.com'), 'invalid-dns-suffix'), ['..corp.example.com']);
    const [several] = findingsOf(withNrpt('.corp.example.com,.example.net'), 'invalid-dns-suffix');
    assert.match(several.message, /one DomainNameInformation per name/);
  });

  it('accepts suffix lists with spaces, underscores, single labels, and NRPT suffixes', () => {
    const text = CLEAN_PROFILE.replace(
      '<DnsSuffix>corp.example.com<',
      '<DnsSuffix>corp.example.com, finance.example.com,agrpki01_v1.example.net,Intranet<',
    );
    assert.deepEqual(findingsOf(text, 'invalid-dns-suffix'), []);
    for (const name of ['.corp.example.com', 'vpn.corp.example.com', '.'])
      assert.deepEqual(findingsOf(withNrpt(name), 'invalid-dns-suffix'), [], name);
  });
});

describe('routing rules together', () => {
  it('leave the clean profile alone', () => {
    assert.deepEqual(diagnose(CLEAN_PROFILE), []);
  });

  it("never throw on the repository's profiles (test/fixtures/profiles) and give no error on profiles expected to be valid", () => {
    assertFamilyCorpusSafe(routingRules);
  });
});
