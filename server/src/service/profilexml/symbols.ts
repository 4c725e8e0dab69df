import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { childElements, firstChild, hasElementChildren, textOf, type XmlElement, type XmlNode } from '../xml/xmlTree';
import { CRYPTO } from './crypto';
import type { ProfileDocument } from './document';
import type { SchemaIndex } from './schema';
import type { ElementDef } from './schemaTypes';

const DETAIL_MAX = 48;

/**
 * Outline of a profile: one symbol per element, named as written, with a detail that makes the
 * outline readable on its own (a route's prefix, an NRPT rule's name, a filter's protocol and
 * addresses, the native profile's protocol). Opaque content (EAP configuration, plug-in custom
 * configuration) is one symbol without children.
 */
export function findDocumentSymbols(doc: ProfileDocument, document: TextDocument, schema: SchemaIndex): DocumentSymbol[] {
  const root = doc.root;
  if (!root) return [];
  return [symbolFor(root, schema.root, doc, document, 0)];
}

/**
 * Deeper nesting than this is not a profile anyone reads as an outline, and recursing into it
 * would exhaust the stack on hostile input (10,000 nested elements).
 */
const MAX_DEPTH = 64;

function symbolFor(
  element: XmlElement,
  def: ElementDef | undefined,
  doc: ProfileDocument,
  document: TextDocument,
  depth: number,
): DocumentSymbol {
  const end = Math.max(element.end, element.startTagEnd);
  const symbol: DocumentSymbol = {
    name: element.name,
    kind: kindOf(element, def),
    range: { start: document.positionAt(element.start), end: document.positionAt(end) },
    selectionRange: { start: document.positionAt(element.nameSpan.start), end: document.positionAt(element.nameSpan.end) },
  };
  const detail = detailOf(element, def, doc.text);
  if (detail) symbol.detail = detail;
  if (def?.type !== 'any' && depth < MAX_DEPTH) {
    const children = childElements(element).map((child) =>
      symbolFor(
        child,
        def?.children?.find((c) => c.name === child.localName),
        doc,
        document,
        depth + 1,
      ),
    );
    if (children.length) symbol.children = children;
  }
  return symbol;
}

function kindOf(element: XmlElement, def: ElementDef | undefined): SymbolKind {
  if (!element.parent) return SymbolKind.Module;
  if (!def) return SymbolKind.Field;
  switch (def.type) {
    case 'none':
      return def.maxOccurs === -1 ? SymbolKind.Struct : SymbolKind.Object;
    case 'any':
      return SymbolKind.Object;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'integer':
      return SymbolKind.Number;
    case 'enum':
      return SymbolKind.EnumMember;
    default:
      return SymbolKind.String;
  }
}

function valueOf(element: XmlElement | undefined): string {
  return element ? textOf(element).replace(/\s+/g, ' ').trim() : '';
}

function child(element: XmlElement, ...path: string[]): string {
  let current: XmlElement | undefined = element;
  for (const name of path) current = firstChild(current, name);
  return valueOf(current);
}

function truncate(value: string): string {
  return value.length > DETAIL_MAX ? `${value.slice(0, DETAIL_MAX - 1)}…` : value;
}

const PROTOCOL_NAMES: Record<string, string> = { '6': 'TCP', '17': 'UDP' };
/** EAP type numbers as the outline names them (IANA EAP method types; Microsoft's EAP configuration page). */
const EAP_TYPES: Record<string, string> = { '13': 'EAP-TLS', '21': 'EAP-TTLS', '25': 'PEAP', '26': 'EAP-MSCHAPv2' };

function detailOf(element: XmlElement, def: ElementDef | undefined, text: string): string | undefined {
  const summary = summaryOf(element, def, text);
  if (summary !== undefined) return summary ? truncate(summary) : undefined;
  if (hasElementChildren(element)) return undefined;
  const value = valueOf(element);
  return value ? truncate(value) : undefined;
}

/** Summaries of containers; undefined when the element has none. */
function summaryOf(element: XmlElement, def: ElementDef | undefined, text: string): string | undefined {
  if (!def) return undefined;
  switch (def.name) {
    case 'Route': {
      const address = child(element, 'Address');
      const prefix = child(element, 'PrefixSize');
      const exclusion = child(element, 'ExclusionRoute') === 'true' ? ' (exclusion)' : '';
      return `${address}${prefix ? `/${prefix}` : ''}${exclusion}`;
    }
    case 'DomainNameInformation': {
      const name = child(element, 'DomainName');
      const servers = child(element, 'DnsServers');
      return servers ? `${name} → ${servers}` : name;
    }
    case 'TrafficFilter':
      return trafficFilterSummary(element);
    case 'NativeProfile': {
      const protocol = child(element, 'NativeProtocolType');
      const routing = child(element, 'RoutingPolicyType');
      const routingWords =
        routing.toLowerCase() === 'splittunnel'
          ? 'split tunnel'
          : routing.toLowerCase() === 'forcetunnel' || !routing
            ? 'force tunnel'
            : routing;
      return [protocol, routingWords].filter(Boolean).join(', ');
    }
    case 'PluginProfile':
      return child(element, 'PluginPackageFamilyName');
    case 'Authentication': {
      const user = child(element, 'UserMethod');
      const machine = child(element, 'MachineMethod');
      return [user && `user ${user}`, machine && `machine ${machine}`].filter(Boolean).join(', ');
    }
    case 'CryptographySuite':
      return cryptoSummary(element);
    case 'AppTrigger':
      return child(element, 'App', 'Id');
    case 'App':
      return child(element, 'Id');
    case 'Proxy':
      return child(element, 'Manual', 'Server') || child(element, 'AutoConfigUrl');
    case 'DeviceCompliance':
      return child(element, 'Enabled') === 'true' ? 'enabled' : child(element, 'Enabled');
    case 'Configuration': {
      if (def.type !== 'any') return undefined;
      const body = text.slice(element.startTagEnd, element.endTag?.start ?? element.end);
      const type = /<(?:\w+:)?Type\b[^>]*>\s*(\d+)\s*</.exec(body)?.[1];
      if (!type) return '';
      return EAP_TYPES[type] ? `${EAP_TYPES[type]} (type ${type})` : `EAP type ${type}`;
    }
    default:
      return undefined;
  }
}

function trafficFilterSummary(element: XmlElement): string {
  const parts: string[] = [];
  const app = child(element, 'App', 'Id');
  if (app) parts.push(app.replace(/^.*[\\/]/, ''));
  const protocol = child(element, 'Protocol');
  const ports = child(element, 'RemotePortRanges');
  if (protocol) parts.push(`${PROTOCOL_NAMES[protocol] ?? `protocol ${protocol}`}${ports ? ` ${ports}` : ''}`);
  const remote = child(element, 'RemoteAddressRanges');
  if (remote) parts.push(`→ ${remote}`);
  const direction = child(element, 'Direction');
  if (direction && direction.toLowerCase() !== 'outbound') parts.push(`(${direction.toLowerCase()})`);
  const claims = child(element, 'Claims');
  if (!parts.length && claims) parts.push(claims);
  return parts.join(' ');
}

function cryptoSummary(element: XmlElement): string {
  const suite = Object.fromEntries(CRYPTO.order.map((name) => [name, child(element, name)]));
  const matches = (reference: Record<string, string>): boolean =>
    CRYPTO.order.every((name) => suite[name].toLowerCase() === reference[name].toLowerCase());
  if (matches(CRYPTO.baseline)) return 'baseline';
  if (matches(CRYPTO.gcmBaseline)) return 'GCM baseline';
  return [suite.EncryptionMethod, suite.IntegrityCheckMethod, suite.DHGroup].filter(Boolean).join(' · ');
}

/**
 * Folding: elements spanning several lines fold up to the line before their end tag (the end
 * tag stays visible, as VS Code expects); multi-line comments and CDATA fold to their last line.
 */
export function getFoldingRanges(doc: ProfileDocument, document: TextDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const text = doc.text;
  // An explicit stack, not recursion: hostile documents nest thousands of elements deep.
  const pending: XmlNode[][] = [doc.tree.children];
  const visit = (nodes: XmlNode[]): void => {
    for (const node of nodes) {
      const startLine = document.positionAt(node.start).line;
      if (node.kind === 'element') {
        let endLine: number;
        if (node.endTag) {
          endLine = document.positionAt(node.endTag.start).line - 1;
        } else {
          let last = Math.max(node.end, node.startTagEnd);
          while (last > node.startTagEnd && /\s/.test(text[last - 1])) last--;
          endLine = document.positionAt(Math.max(node.start, last - 1)).line;
        }
        if (endLine > startLine) ranges.push({ startLine, endLine });
        pending.push(node.children);
      } else if (node.kind === 'comment' || node.kind === 'cdata') {
        const endLine = document.positionAt(Math.max(node.start, node.end - 1)).line;
        if (endLine > startLine)
          ranges.push(node.kind === 'comment' ? { startLine, endLine, kind: FoldingRangeKind.Comment } : { startLine, endLine });
      }
    }
  };
  while (pending.length) visit(pending.pop()!);
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
