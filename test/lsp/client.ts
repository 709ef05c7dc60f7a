/**
 * A minimal Language Server Protocol client for tests: starts the built `tiao lsp` and
 * exchanges JSON-RPC messages with it over its standard input and output, framed with
 * `Content-Length` headers as editors do.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { repositoryRoot } from "../e2e/tiao.js";

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

export class LanguageClient {
  private readonly server: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly notifications: Message[] = [];
  private readonly waiting: { readonly accepts: (message: Message) => boolean; readonly resolve: (message: Message) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor() {
    this.server = spawn(process.execPath, [join(repositoryRoot, "bin", "tiao.js"), "lsp", "--stdio"], { cwd: repositoryRoot, env: { ...process.env, TIAO_CACHE: "off" } });
    this.server.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.exited = new Promise((resolve) => this.server.on("exit", (code) => resolve(code)));
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** The first notification (already received or to come) that `accepts`, taken from the queue. */
  notification(accepts: (message: Message) => boolean): Promise<Message> {
    const index = this.notifications.findIndex(accepts);
    if (index >= 0) return Promise.resolve(this.notifications.splice(index, 1)[0] as Message);
    return new Promise((resolve) => this.waiting.push({ accepts, resolve }));
  }

  kill(): void {
    this.server.kill();
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8")) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    if (message.id !== undefined) {
      // a request from the server (e.g. registering capabilities): accepted with no result
      this.send({ jsonrpc: "2.0", id: message.id, result: null });
      return;
    }
    const waiter = this.waiting.findIndex((candidate) => candidate.accepts(message));
    if (waiter >= 0) this.waiting.splice(waiter, 1)[0]?.resolve(message);
    else this.notifications.push(message);
  }
}
