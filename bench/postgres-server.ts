/**
 * A PostgreSQL server of its own, for the tests and the benchmark: Debian's `postgresql`
 * package (installed by .ci/run), a cluster made by initdb in a temporary folder, listening
 * only on a Unix socket in that folder (on a free port number, so that it meets no other
 * server), stopped and removed at the end. initdb refuses to run as root: as root, the
 * cluster belongs to the `postgres` user the package creates.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PostgresServer } from "../node/sql/postgres.js";

const POSTGRES_LIBRARY = "/usr/lib/postgresql";

/** The folder of the newest installed PostgreSQL's programs, or undefined when there is none. */
export function postgresPrograms(): string | undefined {
  if (!existsSync(POSTGRES_LIBRARY)) return undefined;
  const versions = readdirSync(POSTGRES_LIBRARY)
    .filter((version) => existsSync(join(POSTGRES_LIBRARY, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(POSTGRES_LIBRARY, versions[0], "bin");
}

export interface LocalPostgres extends PostgresServer {
  stop(): void;
}

export async function startPostgres(): Promise<LocalPostgres> {
  const programs = postgresPrograms();
  if (programs === undefined) throw new Error(`PostgreSQL is not installed (no ${POSTGRES_LIBRARY}/*/bin/initdb): apt-get install postgresql`);
  const folder = mkdtempSync(join(tmpdir(), "tiao-postgres-"));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userIds("postgres") : undefined;
  if (owner !== undefined) chownSync(folder, owner.uid, owner.gid);
  const run = (program: string, args: readonly string[]): void => {
    const command = join(programs, program);
    if (owner === undefined) execFileSync(command, args, { stdio: "pipe" });
    else execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
  };
  const data = join(folder, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "tiao", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  run("pg_ctl", [
    "-D", data, "-l", join(folder, "server.log"), "-w", "-o",
    `-p ${port} -k ${folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off`,
    "start",
  ]);
  return {
    psql: join(programs, "psql"),
    host: folder,
    port,
    user: "tiao",
    database: "postgres",
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** A port number no one listens on now (the server only uses it to name its socket). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
