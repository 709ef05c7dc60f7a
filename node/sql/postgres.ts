/**
 * The SQL target on a PostgreSQL server, driven through `psql` (the server's own client,
 * installed with it): the emitted SQL runs as it is, in a schema of its own, the case files
 * (node/sql/case-files.ts) are loaded with `\copy`, and the results are read back streamed
 * (FETCH_COUNT), one line per case. docs/sql.md says why psql and not a client library.
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import type { ProgramIR } from "../../compiler/ir.js";
import { emitSql, PARAMETERS_ON_DATES_VIEW, RESULTS_VIEW } from "../../compiler/sql/emit.js";
import { CASE_COLUMN, identifier, stringLiteral } from "../../compiler/sql/tables.js";
import type { CaseFile } from "./case-files.js";
import { SqlTargetError } from "./duckdb.js";

export interface PostgresServer {
  /** the psql program */
  readonly psql: string;
  /** a host name, or the folder of the server's Unix socket */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
}

export class PostgresEngine {
  private constructor(
    private readonly server: PostgresServer,
    readonly schema: string,
  ) {}

  /** Creates `schema` (dropping one of that name) and runs the policy's SQL in it. */
  static async open(program: ProgramIR, server: PostgresServer, schema: string): Promise<PostgresEngine> {
    const { files, diagnostics } = emitSql(program, { dialect: "postgres" });
    if (diagnostics.length > 0) throw new SqlTargetError(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.message}`));
    const engine = new PostgresEngine(server, schema);
    await engine.psql(`DROP SCHEMA IF EXISTS ${identifier(schema)} CASCADE;\nCREATE SCHEMA ${identifier(schema)};\n`, false);
    await engine.psql(files.map((f) => f.text).join("\n"));
    return engine;
  }

  async loadCaseFiles(files: readonly CaseFile[]): Promise<void> {
    const copies = files
      .filter((file) => statSync(file.path).size > 0)
      .map((file) => `\\copy ${identifier(file.table)} FROM ${stringLiteral(file.path)} WITH (FORMAT csv)`);
    await this.psql(`${copies.join("\n")}\nREFRESH MATERIALIZED VIEW ${identifier(PARAMETERS_ON_DATES_VIEW)};\nANALYZE;\n`);
  }

  /** The result lines in the order of the cases, as `tiao run --scenarios` writes them. */
  async resultLines(): Promise<string[]> {
    const output = await this.psql(`\\set FETCH_COUNT 10000\nSELECT line FROM ${RESULTS_VIEW} ORDER BY ${identifier(CASE_COLUMN)};\n`);
    return output === "" ? [] : output.replace(/\n$/, "").split("\n");
  }

  async drop(): Promise<void> {
    await this.psql(`DROP SCHEMA IF EXISTS ${identifier(this.schema)} CASCADE;\n`, false);
  }

  /** Runs a script in one session; resolves with what it printed (unaligned, tuples only). */
  psql(script: string, inSchema = true): Promise<string> {
    const { psql, host, port, user, database } = this.server;
    const args = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port), "-U", user, "-d", database, "-f", "-"];
    const env = { ...process.env, ...(inSchema ? { PGOPTIONS: `-c search_path=${this.schema}` } : {}) };
    return new Promise((resolve, reject) => {
      const child = spawn(psql, args, { env, stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
        else reject(new Error(`psql failed (${code}): ${Buffer.concat(err).toString("utf8").trim()}`));
      });
      child.stdin.end(script);
    });
  }
}
