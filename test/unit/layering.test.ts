/**
 * The layering of server/src (docs/architecture.md, "The core layer"): no import cycles, the core
 * layer below every engine, and nothing but rules in the rules/ folders.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { typeScriptFilesUnder } from '../helpers/files';

const SRC = path.resolve(__dirname, '../../server/src');
const SERVICE = path.join(SRC, 'service');

/** The modules of server/src a file imports (type-only imports included: they bind the layers too). */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '(\.[^']*)';/gms)) {
    const target = path.resolve(path.dirname(file), m[1]);
    const resolved = [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => existsSync(candidate));
    if (resolved) out.push(resolved);
  }
  return out;
}

const FILES = typeScriptFilesUnder(SRC);
const GRAPH = new Map(FILES.map((file) => [file, importsOf(file)]));
const rel = (file: string): string => path.relative(SRC, file);

describe('layering of server/src', () => {
  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of GRAPH.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of FILES) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('keeps the core layer below the engines: core/ imports no engine, authoring or XML module', () => {
    const engines = ['profilexml', 'powershell', 'workspace', 'authoring', 'xml'].map((dir) => path.join(SERVICE, dir) + path.sep);
    const core = FILES.filter((file) => file.startsWith(path.join(SERVICE, 'core') + path.sep));
    assert.ok(core.length >= 6, 'core modules found');
    const upward = core.flatMap((file) =>
      (GRAPH.get(file) ?? [])
        .filter((target) => engines.some((dir) => target.startsWith(dir)))
        .map((target) => `${rel(file)} → ${rel(target)}`),
    );
    assert.deepEqual(upward, []);
  });

  it('keeps only rule modules in the rules/ folders (helpers that report nothing live beside the engine)', () => {
    const helpers = FILES.filter((file) => path.basename(path.dirname(file)) === 'rules')
      .filter((file) => !['index.ts', 'ruleTypes.ts'].includes(path.basename(file)))
      .filter((file) => !/\bruleId\b/.test(readFileSync(file, 'utf8')))
      .map(rel);
    assert.deepEqual(helpers, []);
  });
});
