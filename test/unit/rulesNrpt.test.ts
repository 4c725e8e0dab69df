import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, CLEAN_PROFILE, doc, findingsOf, fixAll, quickFixes, service } from '../helpers/service';
import { nameResolutionRules } from '../../server/src/service/profilexml/rules/nrpt';
import { assertFamilyCorpusSafe } from '../helpers/corpus';

/** CLEAN_PROFILE (DnsSuffix and TrustedNetworkDetection corp.example.com) with extra top-level elements. */
function withElements(xml: string, profile = CLEAN_PROFILE): string {
  return profile.replace('</VPNProfile>', `${xml}</VPNProfile>`);
}

function rule(domainName: string, inner = '    <DnsServers>10.0.0.10,10.0.0.11</DnsServers>\n'): string {
  return `  <DomainNameInformation>\n    <DomainName>${domainName}</DomainName>\n${inner}  </DomainNameInformation>\n`;
}

function withSuffixes(dnsSuffix: string, tnd: string): string {
  return CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com<', `<DnsSuffix>${dnsSuffix}<`).replace(
    '<TrustedNetworkDetection>corp.example.com<',
    `<TrustedNetworkDetection>${tnd}<`,
  );
}

/** Related-information messages and their lines for the first finding of a rule. */
function relatedOf(text: string, ruleId: string): [number, string][] {
  const finding = service.validate(doc(text)).find((x) => x.code === ruleId);
  assert.ok(finding, `no ${ruleId}`);
  return (finding.relatedInformation ?? []).map((r) => [r.location.range.start.line, r.message]);
}

describe('nrpt-suffix-without-dot', () => {
  it('reports a DomainName equal to the DnsSuffix without a leading dot (VPNv2 CSP: "To specify a suffix, prepend a .")', () => {
    const text = withElements(rule('corp.example.com'));
    const [finding, ...rest] = findingsOf(text, 'nrpt-suffix-without-dot');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'corp.example.com');
    assert.equal(finding.range, '26:16-26:32');
    assert.equal(finding.severity, 2);
    assert.match(
      finding.message,
      /applies only to the one host named corp\.example\.com, not to names inside it such as server\.corp\.example\.com/,
    );
    assert.match(finding.message, /this profile's DnsSuffix and TrustedNetworkDetection/);
    assert.match(finding.message, /VPNv2 CSP page/);
    assert.deepEqual(relatedOf(text, 'nrpt-suffix-without-dot'), [
      [2, 'DnsSuffix entry corp.example.com'],
      [3, 'TrustedNetworkDetection entry corp.example.com'],
    ]);
  });

  it('prepends the dot and nothing else', () => {
    const text = withElements(rule('corp.example.com'));
    const [fix] = quickFixes(text, 'nrpt-suffix-without-dot');
    assert.equal(fix.title, 'Make it a suffix rule: .corp.example.com');
    assert.equal(fix.isPreferred, true);
    const fixed = applyFix(text, 'nrpt-suffix-without-dot');
    assert.equal(fixed, withElements(rule('.corp.example.com')));
    assert.deepEqual(findingsOf(fixed, 'nrpt-suffix-without-dot'), []);
  });

  it('compares without regard to case, a trailing dot or surrounding spaces, and keeps them in the fix', () => {
    const text = withElements(rule(' Corp.Example.COM. '));
    const [finding] = findingsOf(text, 'nrpt-suffix-without-dot');
    assert.equal(finding.text, 'Corp.Example.COM.');
    assert.equal(applyFix(text, 'nrpt-suffix-without-dot'), withElements(rule(' .Corp.Example.COM. ')));
  });

  it('matches a TrustedNetworkDetection name alone, also one of a list written with semicolons', () => {
    const text = withElements(rule('corp.example.com'), withSuffixes('example.net', 'example.org; corp.example.com'));
    const [finding] = findingsOf(text, 'nrpt-suffix-without-dot');
    assert.match(finding.message, /this profile's TrustedNetworkDetection,/);
    assert.deepEqual(relatedOf(text, 'nrpt-suffix-without-dot'), [[3, 'TrustedNetworkDetection entry corp.example.com']]);
    const second = withElements(rule('finance.example.com'), withSuffixes('corp.example.com, finance.example.com', 'corp.example.com'));
    assert.deepEqual(
      findingsOf(second, 'nrpt-suffix-without-dot').map((f) => f.text),
      ['finance.example.com'],
    );
  });

  it('does not fire for suffix rules, ".", host names inside the namespace, or other names', () => {
    for (const name of ['.corp.example.com', '.', 'vpn.corp.example.com', 'example.com', 'intranet']) {
      assert.deepEqual(findingsOf(withElements(rule(name)), 'nrpt-suffix-without-dot'), [], name);
    }
  });

  it('does not fire when the suffix rule for the same name is there too: the host rule is then deliberate', () => {
    const text = withElements(rule('.corp.example.com') + rule('corp.example.com', '    <DnsServers>10.0.0.12</DnsServers>\n'));
    assert.deepEqual(findingsOf(text, 'nrpt-suffix-without-dot'), []);
  });

  it('leaves malformed names and template variables to the other rules', () => {
    const text = withElements(rule('$fqdn'), withSuffixes('$fqdn', 'corp.example.com'));
    assert.deepEqual(findingsOf(text, 'nrpt-suffix-without-dot'), []);
  });
});

describe('duplicate-nrpt-rule', () => {
  it('reports a rule repeating the first one at its start tag and removes it (VPNv2 CSP: one namespace per DomainNameInformation)', () => {
    const comment = '    <!-- copied from the old profile -->\n';
    const text = withElements(
      rule('.corp.example.com') +
        rule('.Corp.Example.com.', `    <DnsServers>10.0.0.10, 10.0.0.11</DnsServers>\n    <AutoTrigger>false</AutoTrigger>\n${comment}`),
    );
    const [finding, ...rest] = findingsOf(text, 'duplicate-nrpt-rule');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'DomainNameInformation');
    assert.equal(finding.range, '29:3-29:24');
    assert.match(finding.message, /for \.Corp\.Example\.com\., with the same settings/);
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /with the same settings as the first one: it adds nothing/);
    assert.deepEqual(relatedOf(text, 'duplicate-nrpt-rule'), [[25, 'First NRPT rule for .corp.example.com']]);
    const fixes = quickFixes(text, 'duplicate-nrpt-rule');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Remove this repeated DomainNameInformation for .Corp.Example.com.'],
    );
    // The comment of the removed rule stays, at the rule's indentation.
    assert.equal(
      applyFix(text, 'duplicate-nrpt-rule'),
      withElements(`${rule('.corp.example.com')}  <!-- copied from the old profile -->\n`),
    );
  });

  it('merges rules that differ only in their DNS servers into the first (preferred, loses nothing)', () => {
    const text = withElements(rule('.corp.example.com') + rule('.corp.example.com', '    <DnsServers>10.0.0.11,10.0.0.12</DnsServers>\n'));
    const [finding] = findingsOf(text, 'duplicate-nrpt-rule');
    assert.match(
      finding.message,
      /with other settings than the first one \(here DnsServers 10\.0\.0\.11,10\.0\.0\.12; there DnsServers 10\.0\.0\.10,10\.0\.0\.11\)/,
    );
    assert.match(finding.message, /Microsoft does not document which of two rules for the same name Windows applies/);
    const fixes = quickFixes(text, 'duplicate-nrpt-rule');
    assert.deepEqual(
      fixes.map((f) => [f.title, !!f.isPreferred]),
      [
        ['Merge the DnsServers into the first DomainNameInformation and remove this one (DnsServers 10.0.0.10,10.0.0.11,10.0.0.12)', true],
        ['Remove this DomainNameInformation, keep the first (DnsServers 10.0.0.10,10.0.0.11 instead of 10.0.0.11,10.0.0.12)', false],
        ['Remove the first DomainNameInformation, keep this one (DnsServers 10.0.0.11,10.0.0.12 instead of 10.0.0.10,10.0.0.11)', false],
      ],
    );
    const merged = withElements(rule('.corp.example.com', '    <DnsServers>10.0.0.10,10.0.0.11,10.0.0.12</DnsServers>\n'));
    assert.equal(applyFix(text, 'duplicate-nrpt-rule'), merged);
    assert.equal(fixAll(text), merged);
    assert.equal(
      applyFix(text, 'duplicate-nrpt-rule', 'Remove the first DomainNameInformation'),
      withElements(rule('.corp.example.com', '    <DnsServers>10.0.0.11,10.0.0.12</DnsServers>\n')),
    );
  });

  it("offers no preferred fix when other settings conflict (Microsoft's plug-in sample: two rules for corp.contoso.com with different proxies), so fix-all keeps both", () => {
    const text = withElements(
      rule(
        'corp.contoso.com',
        '    <DnsServers>1.2.3.4,5.6.7.8</DnsServers>\n    <WebProxyServers>5.5.5.5</WebProxyServers>\n    <AutoTrigger>false</AutoTrigger>\n',
      ) +
        rule(
          'corp.contoso.com',
          '    <DnsServers>10.10.10.10,20.20.20.20</DnsServers>\n    <WebProxyServers>100.100.100.100</WebProxyServers>\n',
        ),
    );
    const [finding] = findingsOf(text, 'duplicate-nrpt-rule');
    assert.match(finding.message, /merge the two by hand \(their settings conflict\) or remove one/);
    const fixes = quickFixes(text, 'duplicate-nrpt-rule');
    assert.deepEqual(
      fixes.map((f) => [f.title, !!f.isPreferred]),
      [
        [
          'Remove this DomainNameInformation, keep the first (DnsServers 1.2.3.4,5.6.7.8 instead of 10.10.10.10,20.20.20.20; WebProxyServers 5.5.5.5 instead of 100.100.100.100)',
          false,
        ],
        [
          'Remove the first DomainNameInformation, keep this one (DnsServers 10.10.10.10,20.20.20.20 instead of 1.2.3.4,5.6.7.8; WebProxyServers 100.100.100.100 instead of 5.5.5.5)',
          false,
        ],
      ],
    );
    assert.equal(fixAll(text), text);
  });

  it('does not merge a rule without DnsServers (field notes: such a rule acts as an exemption)', () => {
    const text = withElements(rule('.corp.example.com') + rule('.corp.example.com', ''));
    const fixes = quickFixes(text, 'duplicate-nrpt-rule');
    assert.deepEqual(
      fixes.map((f) => f.title),
      [
        'Remove this DomainNameInformation, keep the first (DnsServers 10.0.0.10,10.0.0.11 instead of none)',
        'Remove the first DomainNameInformation, keep this one (no DnsServers instead of 10.0.0.10,10.0.0.11)',
      ],
    );
    assert.match(findingsOf(text, 'duplicate-nrpt-rule')[0].message, /\(here no DnsServers; there DnsServers 10\.0\.0\.10,10\.0\.0\.11\)/);
  });

  it('names a default that one rule relies on and the other overrides', () => {
    const text = withElements(
      rule('.corp.example.com') +
        rule('.corp.example.com', '    <DnsServers>10.0.0.10,10.0.0.11</DnsServers>\n    <Persistent>true</Persistent>\n'),
    );
    const [finding] = findingsOf(text, 'duplicate-nrpt-rule');
    assert.match(finding.message, /\(here Persistent true; there Persistent false \(default\)\)/);
    assert.deepEqual(
      quickFixes(text, 'duplicate-nrpt-rule').map((f) => [f.title, !!f.isPreferred]),
      [
        ['Remove this DomainNameInformation, keep the first (Persistent false (default) instead of true)', false],
        ['Remove the first DomainNameInformation, keep this one (Persistent true instead of false (default))', false],
      ],
    );
  });

  it('reports every later repetition against the first rule', () => {
    const text = withElements(rule('.corp.example.com') + rule('.corp.example.com') + rule('.corp.example.com'));
    const d = doc(text);
    const findings = service.validate(d).filter((x) => x.code === 'duplicate-nrpt-rule');
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.relatedInformation?.map((r) => r.location.range.start.line)]),
      [
        [29, [25]],
        [33, [25]],
      ],
    );
    assert.equal(fixAll(text), withElements(rule('.corp.example.com')));
  });

  it('keeps a suffix rule and a host rule for the same name apart: .corp.example.com and corp.example.com are different rules', () => {
    const text = withElements(rule('.corp.example.com') + rule('corp.example.com'));
    assert.deepEqual(findingsOf(text, 'duplicate-nrpt-rule'), []);
  });

  it('does not fire for rules of different names', () => {
    assert.deepEqual(findingsOf(withElements(rule('.corp.example.com') + rule('.example.net') + rule('.')), 'duplicate-nrpt-rule'), []);
  });
});

describe('tnd-separator', () => {
  const tnd = (value: string): string =>
    CLEAN_PROFILE.replace('<TrustedNetworkDetection>corp.example.com<', `<TrustedNetworkDetection>${value}<`);

  it('hints at a semicolon in TrustedNetworkDetection (VPNv2 CSP: a "comma separated string") and replaces it by a comma', () => {
    const text = tnd('corp.example.com;example.net');
    const [finding, ...rest] = findingsOf(text, 'tnd-separator');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, ';');
    assert.equal(finding.range, '3:43-3:44');
    assert.equal(finding.severity, 4);
    assert.match(finding.message, /separates network names with commas/);
    assert.equal(applyFix(text, 'tnd-separator'), tnd('corp.example.com,example.net'));
  });

  it('gives one finding per value, not per semicolon, and its fix replaces them all', () => {
    const text = tnd('corp.example.com; example.net;example.org');
    const [finding, ...rest] = findingsOf(text, 'tnd-separator');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /uses 2 semicolons/);
    assert.deepEqual(relatedOf(text, 'tnd-separator'), [[3, 'Another semicolon']]);
    assert.equal(applyFix(text, 'tnd-separator'), tnd('corp.example.com, example.net,example.org'));
  });

  it('is the only finding for the semicolon: invalid-dns-suffix stays silent (one finding per mistake)', () => {
    const text = tnd('corp.example.com;example.net');
    assert.deepEqual(
      service
        .validate(doc(text))
        .map((x) => x.code)
        .sort(),
      ['tnd-separator'],
    );
  });

  it('replaces a semicolon written as a character reference, and leaves entity references and comments alone', () => {
    assert.equal(applyFix(tnd('corp.example.com&#59;example.net'), 'tnd-separator'), tnd('corp.example.com,example.net'));
    const withComment = tnd('a&amp;b.example.com;example.net<!-- was: x; y -->');
    assert.equal(applyFix(withComment, 'tnd-separator'), tnd('a&amp;b.example.com,example.net<!-- was: x; y -->'));
  });

  it('does not fire for a comma-separated list, or for a semicolon in DnsSuffix (invalid-dns-suffix reports that one)', () => {
    assert.deepEqual(findingsOf(tnd('corp.example.com,example.net'), 'tnd-separator'), []);
    const suffix = CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>corp.example.com;example.net<');
    assert.deepEqual(findingsOf(suffix, 'tnd-separator'), []);
    assert.equal(findingsOf(suffix, 'invalid-dns-suffix').length, 1);
  });
});

describe("name resolution rules on the repository's profiles (test/fixtures/profiles)", () => {
  it('never throw and give no error on profiles expected to be valid', () => {
    assertFamilyCorpusSafe(nameResolutionRules);
  });

  it('leave the clean profile alone', () => {
    assert.deepEqual(service.validate(doc(CLEAN_PROFILE)), []);
  });
});
