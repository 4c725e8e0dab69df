import * as staticBinding from 'web-tree-sitter';
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { changedSpan } from '../changedSpan';
import { pointAt, rowStarts } from '../core/positions';
import { grammarText } from './grammarText';

/** The parts of web-tree-sitter the parser uses: one copy is one WebAssembly instance. */
export type TreeSitterBinding = Pick<typeof staticBinding, 'Parser' | 'Language'>;

/**
 * Where the two WebAssembly files come from. The service never reads files itself: the Node
 * host reads them from dist/ (or node_modules in tests), a web host would fetch them.
 */
export interface WasmSource {
  /** web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime(): Promise<Uint8Array>;
  /** The PowerShell grammar (`tree-sitter-powershell.wasm`). */
  grammar(): Promise<Uint8Array>;
  /**
   * A new, independent copy of web-tree-sitter (its own WebAssembly instance and memory), to
   * start over after an instance aborted. Hosts that cannot load a second copy leave it out;
   * their parser then stays unusable after an abort (each script request says so).
   */
  freshBinding?(): Promise<TreeSitterBinding>;
  /** Most memory the grammar's instance may grow to (bytes); tests set it low to reach the limit. */
  memoryLimitBytes?: number;
}

export interface PowerShellParser {
  /**
   * Parses `text`. Given the parse of an earlier text of the same document, tree-sitter re-parses
   * incrementally: only what the change touches is parsed again, the rest of the tree is reused
   * (the result is the same tree a fresh parse gives; test/unit/psIncremental.test.ts).
   * Throws GrammarUnavailableError when the instance aborted (see `ready`).
   */
  parse(text: string, previous?: { text: string; tree: Tree; generation?: number }): Tree;
  /** Parses `text` again, reusing `edited` (a copy of an earlier tree told about same-length edits). */
  reparse(text: string, edited: Tree): Tree | undefined;
  /** Counts the WebAssembly instances this parser has used: trees of an earlier one are gone. */
  readonly generation: number;
  /** Resolves once the parser can parse (after an abort: once a fresh instance is loaded). */
  ready(): Promise<void>;
}

/** The grammar's WebAssembly instance aborted (out of memory, or a failed assertion inside tree-sitter). */
export class GrammarUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GrammarUnavailableError';
  }
}

/**
 * The WebAssembly global, typed for the two classes used here (the project's TypeScript
 * libraries declare WebAssembly only as a namespace of types).
 */
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Memory: new (descriptor: { initial: number; maximum: number }) => object;
      RuntimeError: new (message?: string) => Error;
    };
  }
).WebAssembly;

/** The process's parser, on the bundled copy of web-tree-sitter (every service without a memory limit shares it). */
let shared: Promise<PowerShellParser> | undefined;
/** Parsers with a memory limit of their own, each on a fresh copy. */
const limited = new WeakMap<WasmSource, Promise<PowerShellParser>>();

/**
 * Loads the grammar on first use: only when a script is opened, so that ProfileXML users never
 * pay for it. One parser per process, on the bundled copy of web-tree-sitter; a source that asks
 * for a memory limit gets its own, and a restart after an abort a fresh copy from the host
 * (WasmSource.freshBinding).
 */
export function loadPowerShellParser(source: WasmSource): Promise<PowerShellParser> {
  if (source.memoryLimitBytes === undefined) {
    shared ??= createParser(source, false);
    // A failed load may be retried.
    shared.catch(() => {
      shared = undefined;
    });
    return shared;
  }
  let loading = limited.get(source);
  if (!loading) {
    loading = createParser(source, true);
    limited.set(source, loading);
    loading.catch(() => limited.delete(source));
  }
  return loading;
}

interface Instance {
  parser: Parser;
  language: Language;
}

/** Loads the grammar into the bundled copy of web-tree-sitter (once per process), or into a fresh copy. */
async function instantiate(source: WasmSource, fresh: boolean): Promise<Instance> {
  let binding: TreeSitterBinding = staticBinding;
  if (fresh) {
    if (!source.freshBinding) throw new GrammarUnavailableError('this host cannot load a second copy of the PowerShell grammar');
    binding = await source.freshBinding();
  }
  const [runtime, grammar] = await Promise.all([source.runtime(), source.grammar()]);
  const pages = source.memoryLimitBytes === undefined ? undefined : Math.max(1, Math.floor(source.memoryLimitBytes / 65536));
  await binding.Parser.init({
    wasmBinary: runtime,
    ...(pages ? { wasmMemory: new wasm.Memory({ initial: Math.min(pages, 512), maximum: Math.max(pages, 512) }) } : {}),
  });
  const language = await binding.Language.load(grammar);
  const parser = new binding.Parser();
  parser.setLanguage(language);
  return { parser, language };
}

async function createParser(source: WasmSource, fresh: boolean): Promise<PowerShellParser> {
  let instance: Instance | undefined = await instantiate(source, fresh);
  let generation = 1;
  let restarting: Promise<void> | undefined;
  let lastFailure: unknown;

  /** The instance aborted: every tree of it is gone; a fresh one is loaded in the background. */
  const aborted = (error: unknown): never => {
    instance = undefined;
    lastFailure = error;
    restarting ??= instantiate(source, true).then(
      (fresh) => {
        instance = fresh;
        generation++;
        restarting = undefined;
      },
      (failure: unknown) => {
        lastFailure = failure;
        restarting = undefined;
      },
    );
    throw new GrammarUnavailableError(
      'the PowerShell parser stopped (out of memory or an internal failure) on this script; a fresh one is being loaded',
      { cause: error },
    );
  };
  const current = (): Instance => {
    if (instance) return instance;
    throw new GrammarUnavailableError('the PowerShell parser is not available after an earlier failure', { cause: lastFailure });
  };
  /** Runs tree-sitter; an abort of its instance (WebAssembly.RuntimeError) retires that instance. */
  const guarded = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof wasm.RuntimeError) return aborted(error);
      throw error;
    }
  };

  return {
    get generation() {
      return generation;
    },
    async ready() {
      if (restarting) await restarting;
      if (!instance) throw new GrammarUnavailableError('the PowerShell parser could not be loaded again', { cause: lastFailure });
    },
    parse(original, previous) {
      const { parser } = current();
      // Same length as the original (grammarText.ts): the edit span of the original texts covers every change.
      const text = grammarText(original);
      return guarded(() => {
        // Error recovery is where reuse can change the outcome (measured: a comment's span one
        // character off): reuse only error-free trees of this instance, and parse afresh when
        // the result has errors.
        if (previous && (previous.generation ?? generation) === generation && !previous.tree.rootNode.hasError) {
          const old = editedCopy(previous.tree, previous.text, original);
          try {
            const tree = parser.parse(text, old);
            if (tree && !tree.rootNode.hasError) return tree;
            tree?.delete();
          } finally {
            old.delete();
          }
        }
        const tree = parser.parse(text);
        if (!tree) throw new Error('the PowerShell parser returned no tree');
        return tree;
      });
    },
    reparse(text, edited) {
      const { parser } = current();
      return guarded(() => parser.parse(grammarText(text), edited) ?? undefined);
    },
  };
}

/** A copy of `tree` (a parse of `before`) told about the one span in which `after` differs. */
function editedCopy(tree: Tree, before: string, after: string): Tree {
  const { start, endBefore, endAfter } = changedSpan(before, after);
  const rowsBefore = rowStarts(before);
  const copy = tree.copy();
  // A plain edit description: tree.edit reads its fields, whichever copy of the binding made the tree.
  copy.edit({
    startIndex: start,
    oldEndIndex: endBefore,
    newEndIndex: endAfter,
    startPosition: pointAt(rowsBefore, start),
    oldEndPosition: pointAt(rowsBefore, endBefore),
    newEndPosition: pointAt(rowStarts(after), endAfter),
  } as Parameters<Tree['edit']>[0]);
  return copy;
}
