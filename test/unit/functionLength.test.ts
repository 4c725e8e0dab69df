/**
 * No function of the product is longer than MAX_FUNCTION_LINES (docs/architecture.md, "Module
 * layout"): a function that long does several jobs, and its parts can neither be named nor read
 * on their own. Every .ts file under server/src and client/src is parsed with the TypeScript
 * compiler; every function-like node with a body is measured from the line its code starts on to
 * the line it ends on. Nested functions count in their parent's length too: a factory that holds
 * its handlers as closures is as long as all of them together.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { typeScriptFilesUnder } from '../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_ROOTS = ['server/src', 'client/src'];
export const MAX_FUNCTION_LINES = 150;

export interface FunctionLength {
  file: string;
  /** One-based line of the function's first token. */
  line: number;
  name: string;
  lines: number;
}

/** The length of every function with a body in one file's text. */
export function functionLengths(file: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, line: first + 1, name: functionName(node, source), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The name a reader would search for: the declaration's own, else what it is assigned to. */
function functionName(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name)
    return parent.name.getText(source);
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText(source).slice(0, 60)})`;
  return '(anonymous)';
}

describe('function length', () => {
  it('measures from the first to the last line, nested functions inside their parent', () => {
    const body = Array.from({ length: 10 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      '// a comment above is not counted',
      'export function outer(): void {',
      body,
      '  const inner = () => {',
      '    return 1;',
      '  };',
      '}',
      'class K {',
      '  method(): number {',
      '    return 2;',
      '  }',
      '}',
    ].join('\n');
    const lengths = functionLengths('sample.ts', text);
    assert.deepEqual(
      lengths.map((f) => [f.name, f.line, f.lines]),
      [
        ['outer', 2, 15],
        ['inner', 13, 3],
        ['method', 18, 3],
      ],
    );
  });

  it('finds a function one line over the limit and none at the limit', () => {
    const make = (lines: number): string => ['function f() {', ...Array.from({ length: lines - 2 }, () => '  f();'), '}'].join('\n');
    assert.equal(functionLengths('a.ts', make(MAX_FUNCTION_LINES))[0].lines, MAX_FUNCTION_LINES);
    assert.equal(functionLengths('a.ts', make(MAX_FUNCTION_LINES + 1))[0].lines, MAX_FUNCTION_LINES + 1);
  });

  it(`no function in ${SOURCE_ROOTS.join(' or ')} is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const files = SOURCE_ROOTS.flatMap((root) => typeScriptFilesUnder(path.join(ROOT, root)));
    assert.ok(files.length > 50, `expected the product's sources, found ${files.length} files`);
    const tooLong = files
      .flatMap((file) => functionLengths(path.relative(ROOT, file).split(path.sep).join('/'), readFileSync(file, 'utf8')))
      .filter((f) => f.lines > MAX_FUNCTION_LINES);
    assert.deepEqual(
      tooLong.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`),
      [],
      'split these functions: one job per function, helpers in their own modules where they form one',
    );
  });
});
