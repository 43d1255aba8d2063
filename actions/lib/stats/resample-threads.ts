import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resampleMeans } from './resample-kernel';

/** Below this many draws (examples × samples, ~0.1 s of work) starting a worker costs more than it saves. */
const THREADED_MIN_DRAWS = 8_000_000;
const MAX_WORKERS = 7;

/** What a worker runs: the kernel from its own source text, on the shared buffers, then a flag (1 done, 2 failed). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const resampleMeans = ${resampleMeans.toString()};
const { rows, out, flags, slot, width, n, seed, from, to } = workerData;
let outcome = 1;
try {
  resampleMeans(new Float64Array(rows), width, n, seed, from, to, new Float64Array(out));
} catch {
  outcome = 2;
}
const status = new Int32Array(flags);
Atomics.store(status, slot, outcome);
Atomics.notify(status, slot);
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
}

export interface ResampleOutcome {
  /** Sample-major: sample s's mean of column c at s · width + c. */
  means: Float64Array;
  /** Worker threads whose range arrived (the rest, if any, was computed on this thread). */
  workersDelivered: number;
}

/**
 * Every bootstrap resample mean of the job. Large jobs split the samples over worker threads and wait for them
 * synchronously, so callers stay synchronous. The split never changes a number (see resampleMeans), and a range a
 * worker does not deliver (it could not start, threw, or took far longer than this thread's share) is computed
 * here, so threads can only make it faster.
 */
export function resampleAllMeans(job: ResampleJob): ResampleOutcome {
  const { rows, width, n, seed, samples } = job;
  const threads = job.threads ?? availableParallelism();
  const workers =
    n * samples < THREADED_MIN_DRAWS ? 0 : Math.max(0, Math.min(threads - 1, MAX_WORKERS, samples - 1));
  if (workers === 0) {
    const means = new Float64Array(samples * width);
    resampleMeans(rows, width, n, seed, 0, samples, means);
    return { means, workersDelivered: 0 };
  }
  const sharedRows = new SharedArrayBuffer(rows.byteLength);
  new Float64Array(sharedRows).set(rows);
  const sharedOut = new SharedArrayBuffer(samples * width * Float64Array.BYTES_PER_ELEMENT);
  const flags = new SharedArrayBuffer(workers * Int32Array.BYTES_PER_ELEMENT);
  const status = new Int32Array(flags);
  const out = new Float64Array(sharedOut);
  // Range p of workers + 1 equal ranges; this thread takes range 0.
  const bound = (part: number): number => Math.floor((part * samples) / (workers + 1));
  const started: Worker[] = [];
  for (let w = 0; w < workers; w++) {
    const range = { from: bound(w + 1), to: bound(w + 2) };
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { rows: sharedRows, out: sharedOut, flags, slot: w, width, n, seed, ...range },
      });
      worker.unref();
      started.push(worker);
    } catch {
      Atomics.store(status, w, 2);
    }
  }
  const ownStart = performance.now();
  resampleMeans(rows, width, n, seed, 0, bound(1), out);
  // A worker's range is as large as this thread's; four times as long (plus start-up) means it is not coming.
  const deadline = performance.now() + 1000 + 4 * (performance.now() - ownStart);
  let workersDelivered = 0;
  for (let w = 0; w < workers; w++) {
    Atomics.wait(status, w, 0, Math.max(0, deadline - performance.now()));
    if (Atomics.load(status, w) === 1) workersDelivered++;
    else resampleMeans(rows, width, n, seed, bound(w + 1), bound(w + 2), out);
  }
  for (const worker of started) void worker.terminate();
  // A copy: a worker given up on may still be writing (the same numbers) into the shared buffer.
  return { means: Float64Array.from(out), workersDelivered };
}
