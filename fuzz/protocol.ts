import type { Settings } from '../server/src/service/settings';
import type { Failure } from './checks';
import type { InputKind } from './generators';

/** Messages between fuzz/main.ts and its workers (fuzz/worker.ts). */
export interface WorkerConfig {
  seed: string;
  timeLimitMs: number;
  maxActionRanges: number;
  randomOffsets: number;
  /** Inputs whose index is a multiple of this are sent back for a CLI run (0: none). */
  cliEvery: number;
}

export type ToWorker = { type: 'config'; config: WorkerConfig } | { type: 'chunk'; from: number; to: number } | { type: 'stop' };

export interface DoneMessage {
  type: 'done';
  index: number;
  generator: string;
  kind: InputKind;
  note: string;
  bytes: number;
  ms: number;
  slowest: { call: string; ms: number; doc: 'xml' | 'ps' };
  failures: Failure[];
  settings?: Partial<Settings>;
  offsets?: { xml: number[]; ps: number[] };
  /** The input itself (base64 bytes, and for XML inputs the wrapping script): for failures and CLI samples. */
  input?: { bytes: string; script?: string };
}

export type ToParent =
  | { type: 'loaded' }
  | { type: 'ready' }
  | DoneMessage
  | { type: 'chunk-done'; from: number; to: number }
  | { type: 'generator-error'; index: number; message: string };
