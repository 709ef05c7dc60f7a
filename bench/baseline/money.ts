/**
 * Exact money: whole fen in a number, products checked against the safe-integer range
 * and computed in BigInt when they would leave it. Percentages are millionths.
 */
const MILLION = 1_000_000;

/** `fen × rate`, rounded half-up to the fen (amounts here are never negative). */
export function percentOfHalfUp(fen: number, rateMillionths: number): number {
  const product = fen * rateMillionths;
  if (!Number.isSafeInteger(product)) return percentOfHalfUpBig(fen, rateMillionths);
  const remainder = product % MILLION;
  const whole = (product - remainder) / MILLION;
  return remainder * 2 >= MILLION ? whole + 1 : whole;
}

function percentOfHalfUpBig(fen: number, rateMillionths: number): number {
  const product = BigInt(fen) * BigInt(rateMillionths);
  const rounded = Number((product + BigInt(MILLION / 2)) / BigInt(MILLION));
  if (!Number.isSafeInteger(rounded)) throw new RangeError("amount too large");
  return rounded;
}

/** `fen × count`, exact. */
export function times(fen: number, count: number): number {
  const product = fen * count;
  if (!Number.isSafeInteger(product)) throw new RangeError("amount too large");
  return product;
}

/** `count × rate`, rounded down to a whole number (never negative here). */
export function floorPercentOf(count: number, rateMillionths: number): number {
  return Math.floor((count * rateMillionths) / MILLION);
}
