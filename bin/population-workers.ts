/**
 * Worker threads for population runs: blocks of scenarios evaluated by the compiled policy
 * in parallel, each worker with its own copy of the generated module.
 *
 * A worker runs this very module (`import.meta.url`): whether the CLI is run from its
 * compiled files or from a bundle, the file holding the pool holds the worker's code too.
 * In a worker thread given a `WorkerSetup`, the statement at the end of the module serves
 * blocks; anywhere else it does nothing.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ProgramIR } from "../compiler/ir.js";
import { importGeneratedModule, lineEvaluator } from "./compiled-policy.js";
import { evaluateBlock, type Block, type BlockEvaluator, type BlockResult } from "./population.js";

/** What a worker needs to evaluate scenarios as the main thread would. */
export interface WorkerSetup {
  readonly program: ProgramIR;
  /** the program's generated JavaScript (bin/compiled-policy.ts) */
  readonly javascript: string;
  /** `--measure`: only these measures */
  readonly measures: readonly string[] | undefined;
}

const ROLE = "tiao population worker";

interface WorkerData extends WorkerSetup {
  readonly role: typeof ROLE;
}

/** Blocks in flight per worker: one being evaluated, one queued, so that no worker waits for the main thread. */
const BLOCKS_PER_WORKER = 2;

/**
 * What a worker allocates lives for one block. V8 would let a worker's young generation
 * grow to some 50 MB over a long run; 8 MB cost no measurable time, and took a run of a
 * million scenarios with two workers from about 230 MB to 180 MB at its peak.
 */
const YOUNG_GENERATION_MB = 8;

interface Job {
  readonly block: Block;
  readonly resolve: (result: BlockResult) => void;
  readonly reject: (error: unknown) => void;
}

/** A pool of workers, each evaluating one block at a time. */
export class WorkerPool implements BlockEvaluator {
  readonly inFlight: number;
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private failure: unknown;
  private closing = false;

  constructor(setup: WorkerSetup, count: number) {
    this.inFlight = count * BLOCKS_PER_WORKER;
    const data: WorkerData = { role: ROLE, ...setup };
    for (let index = 0; index < count; index++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      worker.on("message", (result: BlockResult) => this.finished(worker, result));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`a worker thread stopped with exit code ${code}`));
      });
      this.idle.push(worker);
    }
  }

  evaluate(block: Block): Promise<BlockResult> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.queue.push({ block, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers; blocks not yet evaluated are not. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.idle, ...this.running.keys()].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    for (let worker = this.idle.pop(); worker !== undefined; worker = this.idle.pop()) {
      const job = this.queue.shift();
      if (job === undefined) {
        this.idle.push(worker);
        return;
      }
      this.running.set(worker, job);
      // the block's bytes are its own (bin/population.ts): moved, not copied
      worker.postMessage(job.block, [job.block.bytes.buffer]);
    }
  }

  private finished(worker: Worker, result: BlockResult): void {
    const job = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    job?.resolve(result);
    this.dispatch();
  }

  /** A worker failed: a bug in tiao, since bad scenarios and evaluation errors are results. */
  private fail(error: unknown): void {
    this.failure ??= error;
    for (const job of [...this.running.values(), ...this.queue.splice(0)]) job.reject(this.failure);
    this.running.clear();
  }
}

function isWorkerData(data: unknown): data is WorkerData {
  return typeof data === "object" && data !== null && "role" in data && data.role === ROLE;
}

/** In a worker: evaluates each block it is sent, and sends back its results. */
async function serveBlocks(setup: WorkerSetup): Promise<void> {
  const evaluateLine = lineEvaluator(setup.program, await importGeneratedModule(setup.javascript), setup.measures);
  parentPort?.on("message", (block: Block) => parentPort?.postMessage(evaluateBlock(block, evaluateLine)));
}

if (!isMainThread && isWorkerData(workerData)) await serveBlocks(workerData);
