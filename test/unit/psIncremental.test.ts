import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node } from 'web-tree-sitter';
import { deploymentScript, prng } from '../../bench/inputs';
import { loadCorpus } from '../../fuzz/corpus';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { createLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { parsePowerShellDocument, type PowerShellDocument } from '../../server/src/service/powershell/document';
import { loadPowerShellParser, type PowerShellParser } from '../../server/src/service/powershell/grammar';

// Scripts are re-parsed incrementally: on each edit (the previous version's parse is reused) and
// on each fix-all pass. tree-sitter promises the same tree as a fresh parse when it is told the
// edit correctly; these tests hold the edit bookkeeping (offsets, rows, columns, CRLF) to that.

const ROOT = join(__dirname, '..', '..');
let parser: PowerShellParser;
before(async () => {
  parser = await loadPowerShellParser(nodeWasmSource());
});

/** Small edits of the kinds typing and pasting make, including quotes, here-string marks, line breaks and non-ASCII. */
const SNIPPETS = [
  '',
  'a',
  ' ',
  '\n',
  '\r\n',
  "'",
  '"',
  "@'\n",
  "\n'@",
  '`',
  '$',
  '-',
  '{',
  '}',
  '(',
  ')',
  '#',
  '<#',
  '#>',
  'é',
  '😀',
  '-Force',
  ' -DHGroup Group14',
  '\r',
];

/** Any edit: most leave the script broken for a moment, as typing does. */
function randomEdit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const removed = rand() < 0.5 ? 0 : Math.floor(rand() * Math.min(12, text.length - at + 1));
  const inserted = SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
  return text.slice(0, at) + inserted + text.slice(at + removed);
}

/** Edits that keep a script valid (whole lines, comments, words, spaces, line endings), so that the incremental path is taken. */
function validEdit(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(rand() * lines.length);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  switch (Math.floor(rand() * 8)) {
    case 0:
      lines.splice(i, 0, pick(['# a comment', '$x = 1', "$s = 'text'", 'Restart-Service RemoteAccess -PassThru', '', '<# block #>']));
      break;
    case 1:
      if (lines.length > 1) lines.splice(i, 1);
      break;
    case 2:
      lines.splice(i, 0, lines[i]);
      break;
    case 3:
      lines[i] = lines[i].replace(/[A-Za-z]+/, (w) => w + pick(['X', 'Name', '2']));
      break;
    case 4:
      lines[i] = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : `${lines[i]}\r`;
      break;
    case 5:
      lines[i] = `  ${lines[i]}`;
      break;
    case 6:
      lines[i] = lines[i].replace(
        /Group14|AES128|SHA256128|PFS2048|SHA256/,
        (v) => pick(['Group2', 'AES256', 'GCMAES128', 'ECP384', 'SHA384']) || v,
      );
      break;
    default:
      lines[i] = `${lines[i]} # é😀`;
  }
  return lines.join('\n');
}

/** The tree with every node's span: an incremental parse must agree to the character. */
const shape = (doc: PowerShellDocument): string => {
  const out: string[] = [];
  const walk = (node: Node, depth: number): void => {
    out.push(`${depth} ${node.type} ${node.startIndex}-${node.endIndex} ${node.startPosition.row}:${node.startPosition.column}`);
    for (const child of node.children) if (child) walk(child, depth + 1);
  };
  walk(doc.tree.rootNode, 0);
  return out.join('\n');
};
const summary = (doc: PowerShellDocument): string =>
  JSON.stringify({
    commands: doc.script.commands.map((c) => [c.name, c.span, c.parameters.map((p) => p.name)]),
    assignments: doc.script.assignments.map((a) => [a.variable, a.span, a.value.kind]),
    strings: doc.script.strings.map((s) => s.span),
    comments: doc.script.comments,
  });

describe('incremental parsing of scripts', () => {
  const scripts = (cleanOnly: boolean): string[] => {
    const all = [
      ...loadCorpus().scripts.filter((s) => s.length > 40),
      readFileSync(join(ROOT, 'examples', 'deploy-profile.ps1'), 'utf8'),
      readFileSync(join(ROOT, 'test', 'fixtures', 'workspace', 'server.ps1'), 'utf8'),
      deploymentScript(40, 3),
      deploymentScript(40, 4).replace(/\n/g, '\r\n'),
    ];
    return cleanOnly ? all.filter((s) => !parser.parse(s).rootNode.hasError) : all.slice(0, 22);
  };

  for (const [name, edit, seed] of [
    ['random edits (mostly broken states)', randomEdit, 20261125],
    ['edits that keep the script valid (the incremental path)', validEdit, 7],
  ] as const) {
    it(`gives the tree, positions and extraction of a fresh parse after every one of a chain of ${name}`, () => {
      const rand = prng(seed);
      let steps = 0;
      let reused = 0;
      for (const script of scripts(edit === validEdit)) {
        let text = script;
        let incremental = parsePowerShellDocument(parser, text);
        for (let step = 0; step < 25; step++) {
          const wasClean = !incremental.tree.rootNode.hasError;
          text = edit(text, rand);
          incremental = parsePowerShellDocument(parser, text, incremental);
          const fresh = parsePowerShellDocument(parser, text);
          if (wasClean && !fresh.tree.rootNode.hasError) reused++;
          assert.equal(shape(incremental), shape(fresh), `tree after edit ${step} of:\n${script.slice(0, 200)}`);
          assert.equal(summary(incremental), summary(fresh), `extraction after edit ${step}`);
          steps++;
        }
      }
      assert.ok(steps >= 500, `${steps} edits`);
      if (edit === validEdit) assert.ok(reused >= 400, `only ${reused} of ${steps} edits went through the incremental path`);
    });
  }

  it('the language service re-parses the next version of an open script on its previous parse, with the same findings', async (t) => {
    const service: LanguageService = createLanguageService({ wasm: nodeWasmSource() });
    await service.preparePowerShell();
    const fresh: LanguageService = createLanguageService({ wasm: nodeWasmSource() });
    await fresh.preparePowerShell();
    // The services share the process's one parser: count the parses that are given a previous one.
    let incremental = 0;
    const parse = parser.parse;
    t.after(() => {
      parser.parse = parse;
    });
    parser.parse = (text, previous) => {
      if (previous) incremental++;
      return parse(text, previous);
    };
    const rand = prng(42);
    let text = readFileSync(join(ROOT, 'examples', 'deploy-profile.ps1'), 'utf8');
    for (let version = 1; version <= 60; version++) {
      text = version % 2 ? validEdit(text, rand) : randomEdit(text, rand);
      const edited = service.validate(TextDocument.create('file:///ws/deploy.ps1', 'powershell', version, text));
      const reference = fresh.validate(TextDocument.create(`file:///ws/fresh-${version}.ps1`, 'powershell', 1, text));
      assert.deepEqual(
        edited.map((d) => [d.code, d.range, d.message]),
        reference.map((d) => [
          d.code,
          d.range,
          typeof d.message === 'string' ? d.message.replace(/fresh-\d+\.ps1/g, 'deploy.ps1') : d.message,
        ]),
        `version ${version}`,
      );
    }
    assert.ok(incremental >= 59, `${incremental} of 59 later versions were parsed on their previous parse`);
  });
});
