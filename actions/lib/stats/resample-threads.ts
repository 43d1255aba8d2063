import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resampleMeans } from './resample-kernel';

/** Below this many draws (examples × samples, ~0.1 s of work) starting a worker costs more than it saves. */
const THREADED_MIN_DRAWS = 8_000_000;
const MAX_WORKERS = 7;

/** Chunks per thread: enough that a thread that starts late or runs slower (a worker competing with the garbage
 * collector's threads for two cores took twice as long as this one) leaves its share to the others. */
const CHUNKS_PER_THREAD = 16;
/** How long to wait, beyond four times this thread's own share, for a chunk a worker claimed. */
const WORKER_GRACE_MS = 5000;

/**
 * What a worker runs: the kernel from its own source text, on the shared buffers. Chunks of samples are claimed
 * from one shared counter (`control[0]`); chunk c is flagged done at `control[1 + c]`; the worker's outcome (1 done,
 * 2 failed) goes to `control[statusIndex]`.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const resampleMeans = ${resampleMeans.toString()};
const { rows, out, control, width, n, seed, samples, chunkCount, statusIndex } = workerData;
const ctl = new Int32Array(control);
let outcome = 1;
try {
  const r = new Float64Array(rows);
  const o = new Float64Array(out);
  for (;;) {
    const c = Atomics.add(ctl, 0, 1);
    if (c >= chunkCount) break;
    resampleMeans(r, width, n, seed, Math.floor((c * samples) / chunkCount), Math.floor(((c + 1) * samples) / chunkCount), o);
    Atomics.store(ctl, 1 + c, 1);
    Atomics.notify(ctl, 1 + c);
  }
} catch {
  outcome = 2;
}
Atomics.store(ctl, statusIndex, outcome);
Atomics.notify(ctl, statusIndex);
`;

export interface ResampleJob {
  /** `width` columns interleaved: example k's values at k · width … k · width + width − 1. */
  rows: Float64Array;
  width: number;
  n: number;
  seed: number;
  samples: number;
  /** Threads to use, this one included; default the machine's available parallelism. */
  threads?: number;
  /**
   * False: this thread claims no chunk and only computes what the workers did not deliver (a test of the workers
   * sees them do all the work). Default true.
   */
  shareWork?: boolean;
}

export interface ResampleOutcome {
  /** Sample-major: sample s's mean of column c at s · width + c. */
  means: Float64Array;
  /** How many chunks of samples there were, and how many of them worker threads delivered. */
  chunks: { total: number; byWorkers: number };
}

/**
 * Every bootstrap resample mean of the job. Large jobs are cut into chunks of samples that this thread and worker
 * threads claim from a shared counter until none is left, so a slow or late thread simply does fewer; callers stay
 * synchronous. The split never changes a number (see resampleMeans), and a chunk a worker claimed but did not
 * deliver (it threw, or took far longer than this thread's whole share) is computed here, so threads can only make
 * it faster.
 */
export function resampleAllMeans(job: ResampleJob): ResampleOutcome {
  const { rows, width, n, seed, samples } = job;
  const threads = job.threads ?? availableParallelism();
  const workers =
    n * samples < THREADED_MIN_DRAWS ? 0 : Math.max(0, Math.min(threads - 1, MAX_WORKERS, samples - 1));
  if (workers === 0) {
    const means = new Float64Array(samples * width);
    resampleMeans(rows, width, n, seed, 0, samples, means);
    return { means, chunks: { total: 1, byWorkers: 0 } };
  }
  const chunkCount = Math.min(samples, (workers + 1) * CHUNKS_PER_THREAD);
  const from = (chunk: number): number => Math.floor((chunk * samples) / chunkCount);
  const sharedRows = new SharedArrayBuffer(rows.byteLength);
  new Float64Array(sharedRows).set(rows);
  const sharedOut = new SharedArrayBuffer(samples * width * Float64Array.BYTES_PER_ELEMENT);
  const control = new SharedArrayBuffer((1 + chunkCount + workers) * Int32Array.BYTES_PER_ELEMENT);
  const ctl = new Int32Array(control);
  const out = new Float64Array(sharedOut);
  const started: Worker[] = [];
  for (let w = 0; w < workers; w++) {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          rows: sharedRows,
          out: sharedOut,
          control,
          width,
          n,
          seed,
          samples,
          chunkCount,
          statusIndex: 1 + chunkCount + w,
        },
      });
      worker.unref();
      started.push(worker);
    } catch {
      // It never claims a chunk; the others claim them all.
      Atomics.store(ctl, 1 + chunkCount + w, 2);
    }
  }
  const ownStart = performance.now();
  const computedHere = new Uint8Array(chunkCount);
  if (job.shareWork !== false) {
    for (;;) {
      const chunk = Atomics.add(ctl, 0, 1);
      if (chunk >= chunkCount) break;
      resampleMeans(rows, width, n, seed, from(chunk), from(chunk + 1), out);
      computedHere[chunk] = 1;
    }
  }
  const deadline = performance.now() + WORKER_GRACE_MS + 4 * (performance.now() - ownStart);
  let byWorkers = 0;
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    if (computedHere[chunk] === 1) continue;
    const flag = 1 + chunk;
    // In short waits, so that a chunk whose worker has ended without delivering it (it threw) is computed at once.
    while (
      Atomics.load(ctl, flag) !== 1 &&
      performance.now() < deadline &&
      !allEnded(ctl, chunkCount, workers)
    ) {
      Atomics.wait(ctl, flag, 0, Math.min(50, Math.max(0, deadline - performance.now())));
    }
    if (Atomics.load(ctl, flag) === 1) byWorkers++;
    else resampleMeans(rows, width, n, seed, from(chunk), from(chunk + 1), out);
  }
  for (const worker of started) void worker.terminate();
  // A copy: a worker given up on may still be writing (the same numbers) into the shared buffer.
  return { means: Float64Array.from(out), chunks: { total: chunkCount, byWorkers } };
}

/** Every worker has stored its outcome (a worker that could not be created counts as ended). */
function allEnded(ctl: Int32Array, chunkCount: number, workers: number): boolean {
  for (let w = 0; w < workers; w++) if (Atomics.load(ctl, 1 + chunkCount + w) === 0) return false;
  return true;
}
