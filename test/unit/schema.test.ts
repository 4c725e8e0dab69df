/**
 * The ProfileXML model (schemas/profilexml.json) and the XSD generated from it:
 * (a) the model follows the rules of its TypeScript shape and the facts Microsoft's pages get
 *     wrong, corrected by profiles Windows accepts;
 * (b) the committed schemas/ProfileXML.xsd is up to date with the model;
 * (c) the XSD and the model agree on real profiles, on broken documents and on a document that
 *     uses every element of the model.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';
import type { ElementDef, ProfileXmlSchema, ValueType } from '../../server/src/service/profilexml/schemaTypes';
import { generateXsd } from '../../scripts/generateXsd';

const repoRoot = path.resolve(__dirname, '../..');
const schemaPath = path.join(repoRoot, 'schemas/profilexml.json');
const xsdPath = path.join(repoRoot, 'schemas/ProfileXML.xsd');

const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as ProfileXmlSchema;
const xsd = generateXsd(schema);

const VALUE_TYPES: readonly ValueType[] = [
  'boolean',
  'string',
  'enum',
  'integer',
  'serverList',
  'urlList',
  'dnsNameList',
  'domainName',
  'ipAddressList',
  'ipAddress',
  'addressRanges',
  'portRanges',
  'hostPort',
  'url',
  'thumbprintList',
  'oidList',
  'none',
  'any',
];
/** Insider builds the VPNv2 CSP page names as minimum versions; no public release carries these numbers. */
const INSIDER_BUILDS = ['10.0.19628', '10.0.20207'];

interface Visit {
  el: ElementDef;
  path: string;
  parent?: ElementDef;
}

function walk(el: ElementDef, parentPath = '', parent?: ElementDef, acc: Visit[] = []): Visit[] {
  const p = parentPath ? `${parentPath}/${el.name}` : el.name;
  acc.push({ el, path: p, parent });
  for (const child of el.children ?? []) walk(child, p, el, acc);
  return acc;
}

const all = walk(schema.root);
const byPath = new Map(all.map((v) => [v.path, v.el]));

function find(p: string): ElementDef {
  const el = byPath.get(p);
  assert.ok(el, `no element ${p} in the model`);
  return el;
}

// ------------------------------------------------------------------------------------------------
describe('(a) profilexml.json follows the model rules', () => {
  const knownBuilds = new Set([...schema.windowsBuilds.map((b) => b.build), ...INSIDER_BUILDS]);

  test('windowsBuilds: unique ids and builds in 10.0.N form, including the common releases', () => {
    const ids = schema.windowsBuilds.map((b) => b.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate windowsBuilds id');
    for (const b of schema.windowsBuilds) {
      assert.match(b.build, /^10\.0\.\d+$/, `${b.id}: build`);
      assert.ok(b.name.trim().length > 0, `${b.id}: name`);
    }
    const expected: Record<string, string> = {
      'win10-1511': '10.0.10586',
      'win10-1607': '10.0.14393',
      'win10-1709': '10.0.16299',
      'win10-1803': '10.0.17134',
      'win10-1809': '10.0.17763',
      'win10-1903': '10.0.18362',
      'win10-2004': '10.0.19041',
      'win10-21h2': '10.0.19044',
      'win10-22h2': '10.0.19045',
      'win11-21h2': '10.0.22000',
      'win11-22h2': '10.0.22621',
      'win11-23h2': '10.0.22631',
      'win11-24h2': '10.0.26100',
      'win11-25h2': '10.0.26200',
    };
    for (const [id, build] of Object.entries(expected)) {
      assert.equal(schema.windowsBuilds.find((b) => b.id === id)?.build, build, id);
    }
  });

  test('root is VPNProfile, exactly once', () => {
    assert.equal(schema.root.name, 'VPNProfile');
    assert.equal(schema.root.minOccurs, 1);
    assert.equal(schema.root.maxOccurs, 1);
  });

  test('every element has a one-line doc, a source and valid occurrences', () => {
    for (const { el, path: p } of all) {
      assert.ok(typeof el.doc === 'string' && el.doc.trim().length > 0, `${p}: doc`);
      assert.ok(!el.doc.includes('\n'), `${p}: doc must be one line`);
      assert.ok(Array.isArray(el.source) && el.source.length > 0, `${p}: source`);
      for (const s of el.source) assert.ok(typeof s === 'string' && s.trim().length > 0, `${p}: empty source entry`);
      assert.ok(Number.isInteger(el.minOccurs) && el.minOccurs >= 0, `${p}: minOccurs`);
      assert.ok(Number.isInteger(el.maxOccurs) && (el.maxOccurs === -1 || el.maxOccurs >= Math.max(1, el.minOccurs)), `${p}: maxOccurs`);
      assert.ok(VALUE_TYPES.includes(el.type), `${p}: unknown type ${el.type}`);
      if (el.unverified !== undefined) assert.ok(el.unverified.trim().length > 0, `${p}: empty unverified`);
      if (el.scope !== undefined) assert.ok(el.scope === 'device' || el.scope === 'user', `${p}: scope`);
    }
  });

  test('types carry the right extra fields', () => {
    for (const { el, path: p } of all) {
      if (el.type === 'none') {
        assert.ok(el.children && el.children.length > 0, `${p}: container without children`);
      } else {
        assert.equal(el.children, undefined, `${p}: only containers have children`);
      }
      if (el.type === 'enum') {
        assert.ok(el.values && el.values.length > 0, `${p}: enum without values`);
        const spellings = new Set<string>();
        for (const v of el.values) {
          assert.ok(v.value.trim().length > 0 && v.value === v.value.trim(), `${p}: bad value ${JSON.stringify(v.value)}`);
          assert.ok(typeof v.doc === 'string' && v.doc.trim().length > 0 && !v.doc.includes('\n'), `${p}=${v.value}: one-line doc`);
          for (const s of [v.value, ...(v.aliases ?? []), ...(v.exampleSpellings ?? [])]) {
            assert.ok(!spellings.has(s), `${p}: duplicate value, alias or example spelling ${s}`);
            spellings.add(s);
          }
          for (const a of [...(v.aliases ?? []), ...(v.exampleSpellings ?? [])]) {
            assert.equal(a.toLowerCase(), v.value.toLowerCase(), `${p}: other spelling ${a} should be a case variant of ${v.value}`);
          }
          if (v.undocumented !== undefined)
            assert.ok(v.undocumented.trim().length > 0 && !v.undocumented.includes('\n'), `${p}=${v.value}: one-line undocumented note`);
        }
      } else {
        assert.equal(el.values, undefined, `${p}: values only for enums`);
        assert.equal(el.caseInsensitive, undefined, `${p}: caseInsensitive only for enums`);
      }
      if (el.readOnly !== undefined) {
        assert.equal(el.minOccurs, 0, `${p}: a read-only node can never be required`);
        assert.ok(el.orderUnverified, `${p}: a read-only node has no place in the Intune order`);
        assert.ok(!el.snippet, `${p}: a read-only node is never inserted`);
      }
      if (el.type === 'integer') {
        assert.ok(el.minimum !== undefined && el.maximum !== undefined, `${p}: integer needs minimum and maximum`);
        assert.ok(el.minimum <= el.maximum, `${p}: minimum > maximum`);
      } else {
        assert.equal(el.minimum, undefined, `${p}: minimum only for integers`);
        assert.equal(el.maximum, undefined, `${p}: maximum only for integers`);
      }
    }
  });

  test('no duplicate child names, and misspellings never shadow a sibling', () => {
    for (const { el, path: p } of all) {
      const names = (el.children ?? []).map((c) => c.name);
      assert.equal(new Set(names).size, names.length, `${p}: duplicate child names ${names.join(', ')}`);
      const misspelt = (el.children ?? []).flatMap((c) => c.misspellings ?? []);
      for (const m of misspelt) assert.ok(!names.includes(m), `${p}: misspelling ${m} is a real child name`);
      assert.equal(new Set(misspelt).size, misspelt.length, `${p}: a misspelling points at two elements`);
    }
  });

  test('minBuild values look like 10.0.N and are known builds', () => {
    for (const { el, path: p } of all) {
      const builds = [el.minBuild, ...(el.values ?? []).map((v) => v.minBuild)].filter((b): b is string => b !== undefined);
      for (const b of builds) {
        assert.match(b, /^10\.0\.\d+$/, `${p}: minBuild ${b}`);
        assert.ok(knownBuilds.has(b), `${p}: minBuild ${b} is neither in windowsBuilds nor a known insider build`);
      }
    }
  });

  test('snippets wrap their own element', () => {
    const expectSnippet = [
      'NativeProfile',
      'CryptographySuite',
      'Route',
      'DomainNameInformation',
      'TrafficFilter',
      'Proxy',
      'Authentication',
      'DeviceCompliance',
      'AppTrigger',
      'ProtocolList',
    ];
    for (const name of expectSnippet) {
      assert.ok(
        all.some((v) => v.el.name === name && v.el.snippet),
        `${name} has no snippet`,
      );
    }
    for (const { el, path: p } of all) {
      if (!el.snippet) continue;
      assert.ok(el.snippet.startsWith(`<${el.name}>`), `${p}: snippet must start with <${el.name}>`);
      assert.ok(el.snippet.includes(`</${el.name}>`), `${p}: snippet must close </${el.name}>`);
    }
  });

  test('occurrences as profiles Windows accepts have them (not as the official XSD says)', () => {
    const expected: [string, number, number][] = [
      ['VPNProfile/NativeProfile/Servers', 1, 1],
      ['VPNProfile/NativeProfile/Authentication', 1, 1],
      ['VPNProfile/NativeProfile/Authentication/Eap', 0, 1],
      ['VPNProfile/NativeProfile/Authentication/Eap/Configuration', 1, 1],
      ['VPNProfile/Route', 0, -1],
      ['VPNProfile/Route/Address', 1, 1],
      ['VPNProfile/Route/PrefixSize', 1, 1],
      ['VPNProfile/AppTrigger', 0, -1],
      ['VPNProfile/AppTrigger/App', 1, 1],
      ['VPNProfile/AppTrigger/App/Id', 1, 1],
      ['VPNProfile/DomainNameInformation', 0, -1],
      ['VPNProfile/DomainNameInformation/DomainName', 1, 1],
      ['VPNProfile/TrafficFilter', 0, -1],
      ['VPNProfile/TrafficFilter/App', 0, 1],
      ['VPNProfile/TrafficFilter/App/Id', 1, 1],
      ['VPNProfile/DeviceCompliance/Enabled', 1, 1],
      ['VPNProfile/DeviceCompliance/Sso/Enabled', 1, 1],
      ['VPNProfile/Proxy/Manual/Server', 1, 1],
      ['VPNProfile/PluginProfile/ServerUrlList', 1, 1],
      ['VPNProfile/PluginProfile/PluginPackageFamilyName', 1, 1],
      ['VPNProfile/NativeProfile/ProtocolList/NativeProtocol', 1, -1],
      ['VPNProfile/NativeProfile/ProtocolList/NativeProtocol/Type', 1, 1],
      ['VPNProfile/NativeProfile/ProtocolList/RetryTimeInHours', 0, 1],
    ];
    for (const [p, min, max] of expected) {
      const el = find(p);
      assert.deepEqual([el.minOccurs, el.maxOccurs], [min, max], p);
    }
    for (const child of find('VPNProfile/NativeProfile/CryptographySuite').children ?? []) {
      assert.deepEqual([child.minOccurs, child.maxOccurs], [0, 1], `CryptographySuite/${child.name}`);
    }
  });

  test('read-only nodes are exactly the Get-only CSP nodes that turn up in profiles (VPNv2 CSP page: DomainNameType, App/Type)', () => {
    const readOnly = all.filter((v) => v.el.readOnly !== undefined).map((v) => v.path);
    assert.deepEqual(readOnly.sort(), [
      'VPNProfile/AppTrigger/App/Type',
      'VPNProfile/DomainNameInformation/DomainNameType',
      'VPNProfile/TrafficFilter/App/Type',
    ]);
    const values = (p: string) => (find(p).values ?? []).map((v) => v.value);
    assert.deepEqual(values('VPNProfile/DomainNameInformation/DomainNameType'), ['FQDN', 'Suffix']);
    assert.deepEqual(values('VPNProfile/TrafficFilter/App/Type'), ['PackageFamilyName', 'FilePath', 'System']);
    assert.deepEqual(values('VPNProfile/AppTrigger/App/Type'), ['PackageFamilyName', 'FilePath']);
  });

  test('only the authentication methods are read without regard to case (profiles from the field show it for UserMethod/MachineMethod only)', () => {
    const anyCase = all.filter((v) => v.el.caseInsensitive !== undefined).map((v) => v.path);
    assert.deepEqual(anyCase.sort(), [
      'VPNProfile/NativeProfile/Authentication/MachineMethod',
      'VPNProfile/NativeProfile/Authentication/UserMethod',
    ]);
  });

  test("spellings: Eap is Microsoft's example spelling; MachineMethod EAP is not in Microsoft's list; Ikev2 is a field spelling", () => {
    const value = (p: string, v: string) => (find(p).values ?? []).find((x) => x.value === v)!;
    const auth = 'VPNProfile/NativeProfile/Authentication';
    assert.deepEqual(value(`${auth}/UserMethod`, 'EAP').exampleSpellings, ['Eap']);
    assert.equal(value(`${auth}/UserMethod`, 'EAP').undocumented, undefined);
    assert.deepEqual(value(`${auth}/MachineMethod`, 'EAP').exampleSpellings, ['Eap']);
    assert.match(value(`${auth}/MachineMethod`, 'EAP').undocumented ?? '', /only Certificate/);
    assert.equal(value(`${auth}/MachineMethod`, 'Certificate').undocumented, undefined);
    assert.deepEqual(value('VPNProfile/NativeProfile/NativeProtocolType', 'IKEv2').aliases, ['Ikev2']);
  });

  test('exact enumerations and ranges of the VPNv2 CSP page', () => {
    const values = (p: string) => (find(p).values ?? []).map((v) => v.value);
    const suite = 'VPNProfile/NativeProfile/CryptographySuite';
    assert.deepEqual(values(`${suite}/AuthenticationTransformConstants`), [
      'MD596',
      'SHA196',
      'SHA256128',
      'GCMAES128',
      'GCMAES192',
      'GCMAES256',
    ]);
    assert.deepEqual(values(`${suite}/CipherTransformConstants`), [
      'DES',
      'DES3',
      'AES128',
      'AES192',
      'AES256',
      'GCMAES128',
      'GCMAES192',
      'GCMAES256',
    ]);
    assert.deepEqual(values(`${suite}/PfsGroup`), ['None', 'PFS1', 'PFS2', 'PFS2048', 'ECP256', 'ECP384', 'PFSMM', 'PFS24']);
    assert.deepEqual(values(`${suite}/DHGroup`), ['None', 'Group1', 'Group2', 'Group14', 'ECP256', 'ECP384', 'Group24']);
    assert.deepEqual(values(`${suite}/IntegrityCheckMethod`), ['MD5', 'SHA196', 'SHA256', 'SHA384']);
    assert.deepEqual(values(`${suite}/EncryptionMethod`), ['DES', 'DES3', 'AES128', 'AES192', 'AES256', 'AES_GCM_128', 'AES_GCM_256']);
    assert.deepEqual(values('VPNProfile/NativeProfile/NativeProtocolType'), ['PPTP', 'L2TP', 'IKEv2', 'Automatic', 'SSTP', 'ProtocolList']);
    assert.deepEqual(values('VPNProfile/NativeProfile/ProtocolList/NativeProtocol/Type'), ['Pptp', 'L2tp', 'Ikev2', 'Sstp']);
    assert.deepEqual(values('VPNProfile/NativeProfile/Authentication/UserMethod'), ['EAP', 'MSChapv2']);
    assert.deepEqual(values('VPNProfile/NativeProfile/Authentication/MachineMethod'), ['Certificate', 'EAP']);
    assert.deepEqual(values('VPNProfile/DataEncryption'), ['None', 'Require', 'Max', 'Optional']);
    assert.deepEqual(values('VPNProfile/TrafficFilter/Direction'), ['Outbound', 'Inbound']);

    const weak = (p: string) => (find(p).values ?? []).filter((v) => v.weak).map((v) => v.value);
    assert.deepEqual(weak(`${suite}/DHGroup`), ['None', 'Group1', 'Group2']);
    assert.deepEqual(weak(`${suite}/PfsGroup`), ['None', 'PFS1', 'PFS2']);
    assert.deepEqual(weak('VPNProfile/NativeProfile/NativeProtocolType'), ['PPTP', 'L2TP']);

    const range = (p: string) => [find(p).minimum, find(p).maximum];
    assert.deepEqual(range('VPNProfile/IPv4InterfaceMetric'), [1, 9999]);
    assert.deepEqual(range('VPNProfile/IPv6InterfaceMetric'), [1, 9999]);
    assert.deepEqual(range('VPNProfile/NetworkOutageTime'), [0, 4294967295]);
    assert.deepEqual(range('VPNProfile/NativeProfile/ProtocolList/RetryTimeInHours'), [1, 500000]);
    assert.deepEqual(range('VPNProfile/TrafficFilter/Protocol'), [0, 255]);
    assert.deepEqual(range('VPNProfile/Route/PrefixSize'), [0, 128]);
    assert.deepEqual(range('VPNProfile/Route/Metric'), [0, 4294967295]);
  });
});

// ------------------------------------------------------------------------------------------------
describe('(b) the committed XSD is generated from the JSON', () => {
  test('schemas/ProfileXML.xsd equals generateXsd(schema)', () => {
    assert.ok(fs.existsSync(xsdPath), 'schemas/ProfileXML.xsd is missing: run `npx tsx scripts/generateXsd.ts`');
    const committed = fs.readFileSync(xsdPath, 'utf8');
    assert.ok(
      committed === xsd,
      'schemas/ProfileXML.xsd is stale: schemas/profilexml.json changed without regenerating. Run `npx tsx scripts/generateXsd.ts`.',
    );
  });
});

// ------------------------------------------------------------------------------------------------
// Sample documents built from the model.

const SAMPLE_TEXT: Record<Exclude<ValueType, 'none' | 'enum' | 'integer' | 'boolean' | 'any'>, string> = {
  string: 'sample',
  serverList: 'vpn.example.net;vpn.example.net,203.0.113.10',
  urlList: 'vpn1.example.net;https://vpn2.example.net',
  dnsNameList: 'corp.example.net,example.org',
  domainName: '.corp.example.net',
  ipAddressList: '10.0.0.10,10.0.0.11',
  ipAddress: '10.0.0.0',
  addressRanges: '10.0.0.0/8,192.168.1.1-192.168.1.20',
  portRanges: '80,443,8000-8080',
  hostPort: 'proxy.example.net:8080',
  url: 'http://proxy.example.net/proxy.pac',
  thumbprintList: '00112233445566778899aabbccddeeff00112233',
  oidList: '1.3.6.1.5.5.7.3.2',
};

const ANY_CONTENT = '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><EapMethod/></EapHostConfig>';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Every spelling of an enum the XSD must accept: aliases, example spellings, and other cases where Windows reads any case. */
function spellings(el: ElementDef): string[] {
  return (el.values ?? []).flatMap((v) => [
    v.value,
    ...(v.aliases ?? []),
    ...(v.exampleSpellings ?? []),
    ...(el.caseInsensitive ? [v.value.toLowerCase(), v.value.toUpperCase(), swapCase(v.value)] : []),
  ]);
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

/**
 * One valid value for the element; `variant` rotates through enumeration spellings and alternates
 * between an integer's minimum and maximum, so a few variants cover every allowed value.
 */
function sampleValue(el: ElementDef, variant: number): string {
  switch (el.type) {
    case 'boolean':
      return variant % 2 === 0 ? 'true' : 'false';
    case 'enum': {
      const s = spellings(el);
      return s[variant % s.length];
    }
    case 'integer':
      return String(variant % 2 === 0 ? (el.minimum ?? 0) : (el.maximum ?? 0));
    case 'any':
      return ANY_CONTENT;
    case 'none':
      throw new Error('containers have no value');
    default:
      return escapeXml(SAMPLE_TEXT[el.type]);
  }
}

type Override = (visit: Visit) => string | undefined;

/** A document with one instance of every element (two of each repeatable one). */
function fullDocument(variant: number, override?: Override): string {
  const render = (visit: Visit, depth: number): string[] => {
    const pad = '  '.repeat(depth);
    const replaced = override?.(visit);
    if (replaced !== undefined) return [pad + replaced];
    const { el } = visit;
    const count = el.maxOccurs === -1 ? 2 : 1;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      if (el.type === 'none') {
        lines.push(`${pad}<${el.name}>`);
        for (const child of el.children ?? [])
          lines.push(...render({ el: child, path: `${visit.path}/${child.name}`, parent: el }, depth + 1));
        lines.push(`${pad}</${el.name}>`);
      } else {
        lines.push(`${pad}<${el.name}>${sampleValue(el, variant + i)}</${el.name}>`);
      }
    }
    return lines;
  };
  return render({ el: schema.root, path: schema.root.name }, 0).join('\n') + '\n';
}

/** Expands a VS Code snippet body with its default placeholders (first choice, mirrors resolved). */
function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  let text = body.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_m, n: string, choices: string) => {
    const first = choices.split(',')[0];
    values.set(n, first);
    return first;
  });
  // placeholders may nest once ("${1:a${2:b}}" is not used by the model, so one level is enough)
  text = text.replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, def: string) => {
    values.set(n, def);
    return def;
  });
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_m, a: string | undefined, b: string | undefined) => values.get(a ?? b ?? '') ?? '');
  return text.replace(/\t/g, '  ');
}

const MINIMAL =
  '<VPNProfile>\n' +
  '  <NativeProfile>\n' +
  '    <Servers>vpn.example.net</Servers>\n' +
  '    <NativeProtocolType>IKEv2</NativeProtocolType>\n' +
  '    <Authentication>\n' +
  '      <MachineMethod>Certificate</MachineMethod>\n' +
  '    </Authentication>\n' +
  '    <CryptographySuite>\n' +
  '      <DHGroup>Group14</DHGroup>\n' +
  '    </CryptographySuite>\n' +
  '  </NativeProfile>\n' +
  '  <Route>\n' +
  '    <Address>10.0.0.0</Address>\n' +
  '    <PrefixSize>8</PrefixSize>\n' +
  '  </Route>\n' +
  '  <AlwaysOn>true</AlwaysOn>\n' +
  '</VPNProfile>\n';

function mutate(find: string, replace: string): string {
  assert.ok(MINIMAL.includes(find), `test bug: ${find} not in the minimal profile`);
  return MINIMAL.replace(find, replace);
}

async function validate(docs: { fileName: string; contents: string }[]): Promise<Map<string, string[]>> {
  const result: XMLValidationResult = await validateXML({ xml: docs, schema: [xsd] });
  const errors = new Map<string, string[]>(docs.map((d) => [d.fileName, []]));
  for (const e of result.errors) {
    const key = e.loc?.fileName;
    if (key && errors.has(key)) errors.get(key)!.push(e.message);
    else if (/ fails to validate$/.test(e.rawMessage.trim()))
      continue; // xmllint's per-file summary line
    else for (const list of errors.values()) list.push(e.rawMessage); // unattributed: blame everyone
  }
  return errors;
}

// ------------------------------------------------------------------------------------------------
describe('(c) the XSD agrees with the model', () => {
  test('a document using every element of the model passes, with every enum value and integer bound', async () => {
    const maxValues = Math.max(...all.map((v) => spellings(v.el).length));
    const docs = Array.from({ length: Math.max(2, maxValues) }, (_, i) => ({ fileName: `full-${i}.xml`, contents: fullDocument(i) }));
    // the generated document really contains every element
    for (const { el } of all) assert.ok(docs[0].contents.includes(`<${el.name}>`), `full document lacks ${el.name}`);
    const errors = await validate(docs);
    for (const [file, list] of errors) assert.deepEqual(list, [], `${file} should pass the XSD`);
  });

  test('other cases of enumeration values: accepted where the model says Windows reads any case, rejected everywhere else', async () => {
    const enums = all.filter((v) => v.el.type === 'enum');
    const cases: { fileName: string; contents: string; accept: boolean }[] = [];
    for (const v of enums) {
      for (const value of v.el.values ?? []) {
        const known = new Set(spellings({ ...v.el, caseInsensitive: undefined }));
        for (const variant of [value.value.toLowerCase(), value.value.toUpperCase(), swapCase(value.value)]) {
          if (known.has(variant)) continue;
          cases.push({
            fileName: `case-${cases.length}-${v.el.name}-${variant}.xml`,
            contents: fullDocument(0, (visit) => (visit.path === v.path ? `<${v.el.name}>${variant}</${v.el.name}>` : undefined)),
            accept: v.el.caseInsensitive !== undefined,
          });
        }
      }
    }
    assert.ok(cases.some((c) => c.accept) && cases.some((c) => !c.accept), 'test bug: both kinds of case expected');
    const errors = await validate(cases);
    for (const c of cases) {
      const list = errors.get(c.fileName) ?? [];
      if (c.accept) assert.deepEqual(list, [], `${c.fileName}: Windows reads this element in any case, the XSD must accept it`);
      else assert.ok(list.length > 0, `${c.fileName}: the XSD accepted a case variant the model does not know`);
    }
  });

  test('snippets, expanded with their defaults, pass the XSD in place of their element', async () => {
    const withSnippet = all.filter((v) => v.el.snippet);
    const docs = withSnippet.map((v, i) => ({
      fileName: `snippet-${i}-${v.el.name}.xml`,
      contents: fullDocument(0, (visit) => (visit.path === v.path ? expandSnippet(v.el.snippet!) : undefined)),
    }));
    for (const [i, v] of withSnippet.entries()) {
      const expanded = expandSnippet(v.el.snippet!);
      assert.ok(!/\$\{?\d/.test(expanded), `${v.path}: snippet placeholders left after expansion`);
      assert.ok(docs[i].contents.includes(expanded.split('\n')[1]), `${v.path}: snippet not placed in the document`);
    }
    const errors = await validate(docs);
    for (const [file, list] of errors) assert.deepEqual(list, [], `${file} should pass the XSD`);
  });

  test('invalid documents are rejected for the expected reason', async () => {
    const cases: { name: string; contents: string; mentions: string }[] = [
      { name: 'unknown-element', contents: mutate('<AlwaysOn>', '<WebAuth>true</WebAuth>\n  <AlwaysOn>'), mentions: "'WebAuth'" },
      { name: 'boolean-True', contents: mutate('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>True</AlwaysOn>'), mentions: "'AlwaysOn'" },
      { name: 'boolean-1', contents: mutate('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>1</AlwaysOn>'), mentions: "'AlwaysOn'" },
      { name: 'dhgroup-15', contents: mutate('<DHGroup>Group14</DHGroup>', '<DHGroup>Group15</DHGroup>'), mentions: "'DHGroup'" },
      { name: 'prefix-200', contents: mutate('<PrefixSize>8</PrefixSize>', '<PrefixSize>200</PrefixSize>'), mentions: "'PrefixSize'" },
      {
        name: 'powershell-spelling',
        contents: mutate('<DHGroup>Group14</DHGroup>', '<DHGroup>Group14</DHGroup><EncryptionMethod>GCMAES128</EncryptionMethod>'),
        mentions: "'EncryptionMethod'",
      },
      { name: 'misplaced', contents: mutate('<AlwaysOn>', '<DHGroup>Group14</DHGroup>\n  <AlwaysOn>'), mentions: "'DHGroup'" },
      { name: 'missing-servers', contents: mutate('<Servers>vpn.example.net</Servers>', ''), mentions: "'NativeProfile'" },
      { name: 'missing-prefix', contents: mutate('<PrefixSize>8</PrefixSize>', ''), mentions: "'Route'" },
      {
        name: 'duplicate-protocol',
        contents: mutate('</NativeProtocolType>', '</NativeProtocolType><NativeProtocolType>SSTP</NativeProtocolType>'),
        mentions: "'NativeProtocolType'",
      },
      { name: 'enum-other-case', contents: mutate('<DHGroup>Group14</DHGroup>', '<DHGroup>group14</DHGroup>'), mentions: "'DHGroup'" },
      {
        name: 'alias-other-case',
        contents: mutate('<NativeProtocolType>IKEv2</NativeProtocolType>', '<NativeProtocolType>ikeV2</NativeProtocolType>'),
        mentions: "'NativeProtocolType'",
      },
      {
        name: 'any-case-near-miss',
        contents: mutate('<MachineMethod>Certificate</MachineMethod>', '<MachineMethod>Certificates</MachineMethod>'),
        mentions: "'MachineMethod'",
      },
      {
        name: 'any-case-other-word',
        contents: mutate('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>EAP-TLS</UserMethod>'),
        mentions: "'UserMethod'",
      },
      {
        name: 'any-case-embedded',
        contents: mutate('<MachineMethod>Certificate</MachineMethod>', '<MachineMethod>xCertificate</MachineMethod>'),
        mentions: "'MachineMethod'",
      },
      {
        name: 'protocol-list-empty',
        contents: mutate(
          '</NativeProtocolType>',
          '</NativeProtocolType><ProtocolList><RetryTimeInHours>168</RetryTimeInHours></ProtocolList>',
        ),
        mentions: "'ProtocolList'",
      },
      {
        name: 'retry-zero',
        contents: mutate(
          '</NativeProtocolType>',
          '</NativeProtocolType><ProtocolList><NativeProtocol><Type>Ikev2</Type></NativeProtocol><RetryTimeInHours>0</RetryTimeInHours></ProtocolList>',
        ),
        mentions: "'RetryTimeInHours'",
      },
      {
        name: 'metric-zero',
        contents: mutate('<AlwaysOn>', '<IPv4InterfaceMetric>0</IPv4InterfaceMetric>\n  <AlwaysOn>'),
        mentions: "'IPv4InterfaceMetric'",
      },
      { name: 'text-in-container', contents: mutate('<Address>', 'stray text<Address>'), mentions: "'Route'" },
    ];
    // every misspelling the model lists is unknown to the strict XSD
    for (const v of all) {
      for (const wrong of v.el.misspellings ?? []) {
        cases.push({
          name: `misspelling-${wrong}`,
          contents: fullDocument(0, (visit) => (visit.path === v.path ? standalone(v.el, wrong) : undefined)),
          mentions: `'${wrong}'`,
        });
      }
    }
    const docs = [
      { fileName: 'control.xml', contents: MINIMAL },
      ...cases.map((c) => ({ fileName: `${c.name}.xml`, contents: c.contents })),
    ];
    const errors = await validate(docs);
    assert.deepEqual(errors.get('control.xml'), [], 'the unmodified minimal profile must pass');
    for (const c of cases) {
      const list = errors.get(`${c.name}.xml`) ?? [];
      assert.ok(list.length > 0, `${c.name}: the XSD accepted an invalid document`);
      assert.ok(
        list.some((m) => m.includes(c.mentions)),
        `${c.name}: expected an error about ${c.mentions}, got:\n${list.join('\n')}`,
      );
    }
  });
});

/** One instance of the element (and its children) on one line, optionally under another name. */
function standalone(el: ElementDef, name = el.name): string {
  if (el.type !== 'none') return `<${name}>${sampleValue(el, 0)}</${name}>`;
  return `<${name}>${(el.children ?? []).map((c) => standalone(c)).join('')}</${name}>`;
}
