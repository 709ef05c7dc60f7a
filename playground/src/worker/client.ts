/**
 * The page's side of the compiler worker: requests with answers matched by id, and a
 * watchdog. A worker that does not answer in time (a compilation that never ends, a
 * crash) is stopped and a fresh one started; the requests it held fail, and their
 * callers ask again.
 */
import type { Envelope, WorkerAnswer, WorkerRequest } from "../protocol.js";
import CompilerWorker from "./compiler-worker.ts?worker";

interface Pending {
  readonly resolve: (answer: WorkerAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class WorkerRestarted extends Error {}

export class CompilerClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** how many times a worker was replaced, shown to the user */
  restarts = 0;

  constructor(private readonly onRestart: () => void = () => {}) {
    this.worker = this.start();
  }

  request(body: WorkerRequest, timeoutMilliseconds = 20_000): Promise<WorkerAnswer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.restart(), timeoutMilliseconds);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, body } satisfies Envelope<WorkerRequest>);
    });
  }

  /** Replaces the worker, failing every request it held. */
  restart(): void {
    this.worker.terminate();
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new WorkerRestarted("the compiler stopped answering and was restarted"));
    }
    this.pending.clear();
    this.restarts++;
    this.worker = this.start();
    this.onRestart();
  }

  private start(): Worker {
    const worker = new CompilerWorker();
    worker.onmessage = (event: MessageEvent<Envelope<WorkerAnswer>>) => {
      const pending = this.pending.get(event.data.id);
      if (pending === undefined) return;
      clearTimeout(pending.timer);
      this.pending.delete(event.data.id);
      pending.resolve(event.data.body);
    };
    worker.onerror = () => this.restart();
    return worker;
  }
}
