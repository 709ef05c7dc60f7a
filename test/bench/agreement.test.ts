import { describe, expect, it } from "vitest";
import { evaluateAll } from "../../bench/baseline/measures.js";
import { CrossChecker } from "../../bench/crosscheck.js";
import { formatResult } from "../../bench/outputs.js";
import { formatPeerResult, peerInput, type PeerEngine } from "../../bench/peers/input.js";
import { jsonLogicEngine } from "../../bench/peers/json-logic.js";
import { jsonRulesEngine } from "../../bench/peers/json-rules-engine.js";
import { zenEngine } from "../../bench/peers/zen.js";
import { scenarioPool, workload, workloadItem } from "../../bench/workload.js";

const SEED = 2021;
const COUNT = 400;

describe("the benchmark's workload", () => {
  it("is the same for the same seed, scenario by scenario", () => {
    const first = workload(SEED, 50);
    expect(workload(SEED, 50)).toEqual(first);
    expect(scenarioPool(SEED, 50)).toEqual(first.map((item) => item.scenario));
    expect(workloadItem(SEED, 37)).toEqual(first[37]);
  });

  it("differs between seeds", () => {
    expect(workload(SEED + 1, 20)).not.toEqual(workload(SEED, 20));
  });

  it("reaches the boundaries the rules turn on", () => {
    const items = workload(SEED, 2000);
    const dates = new Set(items.map((item) => item.json["date"]));
    for (const date of ["2021-10-19", "2021-10-20", "2021-11-04", "2021-11-05", "2022-06-30", "2022-07-01"]) {
      expect(dates.has(date), date).toBe(true);
    }
    const stoppageEqualsCycle = items.filter(({ scenario }) => {
      const employment = scenario.facts.employment;
      return employment !== undefined && employment.stoppage_days === employment.pay_cycle_days;
    });
    expect(stoppageEqualsCycle.length).toBeGreaterThan(100);
  });
});

describe("the rule engines against the hand-written baseline on §2 and §4", () => {
  const items = workload(SEED, COUNT);
  const expected = items.map(({ scenario }) => formatResult(evaluateAll(scenario.facts, scenario.date, scenario.parameters)));
  const inputs = items.map(({ scenario }) => peerInput(scenario));

  async function crossCheck(peer: PeerEngine) {
    const results = await peer.evaluateBatch(inputs);
    const checker = new CrossChecker(peer.name, "baseline", ["m2", "m4"]);
    results.forEach((result, index) => checker.add(index, expected[index]!, formatPeerResult(result)));
    return checker.result((index) => items[index]!.json);
  }

  it("zen-engine, which computes in decimal, agrees on every output", async () => {
    const zen = zenEngine();
    try {
      expect((await crossCheck(zen)).disagreements).toEqual([]);
    } finally {
      zen.dispose();
    }
  });

  // Their binary floating point rounds some half fen down: 1018.85 × 30% is 305.655
  // exactly, but 305.65499999… in a double.
  for (const peer of [jsonLogicEngine(), jsonRulesEngine()]) {
    it(`${peer.name} agrees except where a refund ends on half a fen`, async () => {
      const results = await peer.evaluateBatch(inputs);
      let compared = 0;
      for (const [index, item] of items.entries()) {
        const want = expected[index]!;
        const got = formatPeerResult(results[index]!);
        expect(got.m4).toEqual(want["m4"]);
        expect({ ...got.m2, refund: null }).toEqual({ ...want["m2"], refund: null });
        compared++;
        if (got.m2!["refund"] === want["m2"]!["refund"]) continue;
        const { enterprise } = item.scenario.facts;
        const rate = item.scenario.parameters.refund_rate_large ?? 300_000;
        expect(enterprise?.size).toBe("large");
        // premiums × rate is exactly half a fen past a whole fen, and the peer rounded down
        expect(((enterprise?.ui_premiums_last_year ?? 0) * rate) % 1_000_000).toBe(500_000);
        expect(Math.round((Number(want["m2"]!["refund"]) - Number(got.m2!["refund"])) * 100)).toBe(1);
      }
      expect(compared).toBe(COUNT);
    });

    it(`${peer.name} rounds 1018.85 × 30% to 305.65, where half-up gives 305.66`, async () => {
      const input = { ...inputs[0]!, date: "2021-11-15", size: "large", ui_premiums_last_year: 1018.85, meets_refund_conditions: true, parameters: {} };
      const [result] = await peer.evaluateBatch([input]);
      expect(result?.m2.refund.toFixed(2)).toBe("305.65");
    });
  }
});
