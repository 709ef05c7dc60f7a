/**
 * How much each fuzz property runs, and from which seed. `npm test` runs every property
 * from a fixed seed; `npm run fuzz` (TIAO_FUZZ_SCALE, default 10 there) runs them longer
 * from a fresh seed, printed first, so that a failure found overnight can be rerun:
 *
 *   TIAO_FUZZ_SEED=<seed> TIAO_FUZZ_PATH=<path> npx vitest run test/fuzz -t "<property>"
 *
 * replays exactly the failing case (fast-check prints the seed, the path and the shrunk
 * input of any failure). docs/reliability.md lists the properties.
 */
import type { Parameters } from "fast-check";

function numberFromEnvironment(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${JSON.stringify(text)}`);
  return value;
}

/** Multiplies every property's number of cases (1 in `npm test`). */
export const fuzzScale = numberFromEnvironment("TIAO_FUZZ_SCALE") ?? 1;

const seedFromEnvironment = numberFromEnvironment("TIAO_FUZZ_SEED");
const pathFromEnvironment = process.env.TIAO_FUZZ_PATH;

/** A seed of its own for each property, so that adding one does not change the others' cases. */
function propertySeed(property: string): number {
  let hash = 289;
  for (const character of property) hash = (Math.imul(hash, 31) + (character.codePointAt(0) ?? 0)) | 0;
  return hash;
}

const campaignSeed = seedFromEnvironment ?? (fuzzScale === 1 ? undefined : Date.now() % 2 ** 31);
if (campaignSeed !== undefined && seedFromEnvironment === undefined) {
  console.log(`fuzz campaign: TIAO_FUZZ_SCALE=${fuzzScale} TIAO_FUZZ_SEED=${campaignSeed}`);
}

/** The number of cases a property runs: `cases` in `npm test`, times the scale in a campaign. */
export function caseCount(cases: number): number {
  return Math.max(1, Math.round(cases * fuzzScale));
}

/** fast-check's parameters for a property: its cases, its seed, and the corpus of inputs that once failed, replayed first. */
export function fuzzParameters<T>(property: string, cases: number, examples: readonly T[] = []): Parameters<[T]> {
  const seed = campaignSeed === undefined ? propertySeed(property) : (campaignSeed + propertySeed(property)) | 0;
  return {
    numRuns: caseCount(cases),
    seed,
    ...(pathFromEnvironment === undefined ? {} : { path: pathFromEnvironment }),
    examples: examples.map((example): [T] => [example]),
    endOnFailure: false,
  };
}

/** The time a test may take: a campaign runs longer. */
export function testTime(milliseconds: number): number {
  return Math.round(milliseconds * Math.max(1, fuzzScale));
}
