// How a suite's worker processes are started. Through tsx, a worker spends about 0.75 s of CPU loading the ~230
// TypeScript modules of a run (each one passes tsx's loader thread) before its first run; a suite's runs take
// 0.1–0.2 s each, so on two cores that start-up is the serial part that caps what a second worker can win. So the
// worker's module graph is bundled by esbuild into one ES module that plain node loads in about 0.2 s, kept in
// node_modules/.cache/twinbench and rebuilt after an edit (engine/build/esm-bundle.mjs, which the `twinbench`
// command starts from too). Anything going wrong there — esbuild missing, a read-only node_modules — only means the
// workers start through tsx, as they used to.
import path from 'node:path';
import { bundled, defaultCacheDir } from '../build/esm-bundle.mjs';

export interface WorkerEntry {
  /** The module `fork` runs. */
  file: string;
  execArgv: string[];
  /** 'bundle': one pre-built ES module on plain node; 'tsx': the TypeScript sources through tsx. */
  kind: 'bundle' | 'tsx';
}

const WORKER_SOURCE = path.join(import.meta.dirname, 'suite-worker.ts');
// The same V8 heap flags as the CLI (bin/twinbench.mjs says why).
const NODE_ARGS = ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'];

export const TSX_ENTRY: WorkerEntry = { file: WORKER_SOURCE, execArgv: [...NODE_ARGS, '--import', 'tsx'], kind: 'tsx' };

export interface BundleOptions {
  /** Where bundles are kept (default: node_modules/.cache/twinbench of this repository). */
  cacheDir?: string;
  /** The entry to bundle (default: suite-worker.ts); tests bundle small fixtures. */
  source?: string;
}

/** The bundled worker (built or reused), or the tsx entry when it cannot be had. */
export async function workerEntry(options: BundleOptions = {}): Promise<WorkerEntry> {
  try {
    return { file: await bundledWorker(options), execArgv: [...NODE_ARGS], kind: 'bundle' };
  } catch {
    return TSX_ENTRY;
  }
}

/** The path of an up-to-date bundle of `source`, building it when there is none or an input changed. */
export async function bundledWorker(options: BundleOptions = {}): Promise<string> {
  return bundled(options.source ?? WORKER_SOURCE, 'suite-worker', options.cacheDir ?? defaultCacheDir());
}
