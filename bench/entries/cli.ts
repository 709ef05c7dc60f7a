/**
 * CLI latency: `tiao run` on one scenario, end to end (Node's start-up, loading the
 * policy, reading the scenario, evaluating, printing), against the floor of any Node
 * command, `node -e 0`. `tiao run` keeps compiled programs in a cache (bin/program-cache.ts),
 * so it is timed twice: with the cache (a policy run again) and without it
 * (`TIAO_CACHE=off`: the first run after an edit, which parses and checks the policy).
 * The three are spawned in turn, and their medians compared.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { BenchContext } from "../context.js";
import { POLICY_FOLDER, REPO_ROOT, SCRATCH } from "../policy.js";
import { spreadOf, versus } from "../report.js";
import { summarise } from "../timing.js";

const GROUP = "Command line";

function spawnMs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { ms: number; status: number | null; stderr: string } {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: "utf8", env });
  return { ms: performance.now() - start, status: child.status, stderr: child.stderr };
}

export async function cliLatency(context: BenchContext): Promise<void> {
  const { report, options } = context;
  mkdirSync(SCRATCH, { recursive: true });
  const scenarioFile = join(SCRATCH, "one-scenario.json");
  writeFileSync(scenarioFile, JSON.stringify(context.scenarioJson(0), null, 2));
  const tiaoRun = [join(REPO_ROOT, "bin/tiao.js"), "run", relative(REPO_ROOT, POLICY_FOLDER), "--scenario", scenarioFile];
  const trial = spawnMs(tiaoRun);
  if (trial.status !== 0) {
    report.skip("cli", `tiao run exited with status ${trial.status}: ${trial.stderr.split("\n")[0] ?? ""}`);
    return;
  }
  const repetitions = options.quick ? 5 : 15;
  const uncachedEnv = { ...process.env, TIAO_CACHE: "off" };
  const node: number[] = [];
  const cached: number[] = [];
  const uncached: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    node.push(spawnMs(["-e", "0"]).ms);
    cached.push(spawnMs(tiaoRun).ms);
    uncached.push(spawnMs(tiaoRun, uncachedEnv).ms);
  }
  const nodeSample = summarise(node);
  const floor = report.figure({
    id: "cli.node",
    group: GROUP,
    label: "node -e 0",
    value: nodeSample.median,
    unit: "ms",
    spread: spreadOf(nodeSample),
    note: `median of ${repetitions} spawns`,
  });
  for (const [id, label, times] of [
    ["cli.run", "tiao run, one scenario, ten measures (compiled program cached)", cached],
    ["cli.run_uncached", "tiao run, one scenario, ten measures (TIAO_CACHE=off: compiles the policy)", uncached],
  ] as const) {
    const sample = summarise(times);
    report.figure(versus(
      { id, group: GROUP, label, value: sample.median, unit: "ms", spread: spreadOf(sample), note: `median of ${repetitions} spawns, in turn with node -e 0` },
      floor,
    ));
  }
}
