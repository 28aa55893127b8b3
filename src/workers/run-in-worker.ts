import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface WorkerLimits {
  /** Wall-clock time before the worker is terminated. */
  deadlineMs: number;
  /** V8 old-generation heap for the worker; past it the worker dies, the process does not. */
  memoryMb: number;
}

/** Why a worker gave no answer, in words a check run or a terminal can show. */
export class WorkerLimitError extends Error {
  override readonly name = 'WorkerLimitError';
  constructor(
    readonly reason: 'deadline' | 'memory' | 'crash',
    message: string,
  ) {
    super(message);
  }
}

const describeMs = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/**
 * Run one module on a fresh worker thread with a deadline and a heap cap, and resolve with the one
 * message it posts. Work that is synchronous and input-driven (Markdown parsing, rule matching)
 * goes here so a hostile document costs one thread its limits, never the loop answering webhooks.
 */
export async function runInWorker<T>(module: URL, workerData: unknown, limits: WorkerLimits): Promise<T> {
  // Workers busy at 100% on every core starve the main thread as surely as work on it would: one
  // core is left to the loop answering webhooks. The deadline counts from the worker's start.
  await acquire();
  try {
    return await runOne<T>(module, workerData, limits);
  } finally {
    release();
  }
}

/** Worker threads at once: RFC_PANEL_WORKER_THREADS, else every core but one (at least one). */
const slots = Math.max(1, Number(process.env.RFC_PANEL_WORKER_THREADS) || availableParallelism() - 1);
let busy = 0;
const waiting: Array<() => void> = [];
function acquire(): Promise<void> {
  if (busy < slots) {
    busy++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else busy--;
}

function runOne<T>(module: URL, workerData: unknown, limits: WorkerLimits): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // execArgv: [] — the parent's flags (--experimental-vm-modules, inspectors) do not apply here.
    const worker = new Worker(module, {
      workerData,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(limits.memoryMb / 8))) },
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new WorkerLimitError('deadline', `took longer than ${describeMs(limits.deadlineMs)}`))),
      limits.deadlineMs,
    );
    worker.once('message', (value: { ok: true; value: T } | { ok: false; message: string; name: string }) => {
      finish(() => (value.ok ? resolve(value.value) : reject(Object.assign(new Error(value.message), { name: value.name }))));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory limit|heap out of memory/i.test(error.message);
      finish(() =>
        reject(memory ? new WorkerLimitError('memory', `needed more than ${limits.memoryMb} MB of memory`) : new WorkerLimitError('crash', error.message)),
      );
    });
    worker.once('exit', (code) => finish(() => reject(new WorkerLimitError('crash', `the worker exited (code ${code}) without an answer`))));
  });
}

/** The worker side: compute, then post `{ ok, value }` or the error's name and message. */
export async function answerFromWorker(port: { postMessage: (value: unknown) => void }, compute: () => unknown): Promise<void> {
  try {
    port.postMessage({ ok: true, value: await compute() });
  } catch (error) {
    port.postMessage({ ok: false, name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) });
  }
}
