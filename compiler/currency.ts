/**
 * The policy's money. A policy declares it in its header, `currency EUR` (an ISO 4217 code);
 * without a declaration it is the yuan. Amounts are exact to a hundredth of the unit (the fen,
 * the cent): a currency whose minor unit is not a hundredth is refused (T1101).
 *
 * The unit's word is what literals are written with and what texts say: `yuan` (or `元`) for
 * the yuan, the code itself for any other currency (`500 EUR`).
 */
import type { PolicyInfo } from "./ir.js";

/** The word of the policy's money in literals and texts: `yuan`, or the declared code (`EUR`). */
export function moneyWord(policy: Pick<PolicyInfo, "currency"> | undefined): string {
  const code = policy?.currency;
  return code === undefined || code === "CNY" ? "yuan" : code;
}

/** The word in a Chinese text: `元` for the yuan, the code (after a space) otherwise. */
export function moneyAmountZh(amount: string, word: string): string {
  return word === "yuan" ? `${amount}元` : `${amount} ${word}`;
}

/** The name of the hundredth of the unit: fen for the yuan, cents otherwise. */
export function minorUnitName(word: string): string {
  return word === "yuan" ? "fen" : "cents";
}

/**
 * ISO 4217 currencies whose minor unit is not a hundredth (none, a thousandth, a
 * ten-thousandth): amounts of these cannot be exact to the hundredth the runtime keeps.
 */
const otherMinorUnits: ReadonlyMap<string, number> = new Map([
  ...["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"].map((code) => [code, 0] as const),
  ...["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"].map((code) => [code, 3] as const),
  ...["CLF", "UYW"].map((code) => [code, 4] as const),
]);

/** Why a declared currency cannot be used, or undefined when it can. */
export function currencyProblem(code: string): { readonly message: string; readonly help: string } | undefined {
  if (!/^[A-Z]{3}$/.test(code)) {
    return { message: `\`${code}\` is not a currency code`, help: "write the currency's ISO 4217 code in capitals: `currency EUR`, `currency USD`; leave the line out for the yuan" };
  }
  const decimals = otherMinorUnits.get(code);
  if (decimals !== undefined) {
    return {
      message: `amounts in ${code} have ${decimals === 0 ? "no decimals" : `${decimals} decimals`}, and tiao keeps money to the hundredth`,
      help: "tiao supports currencies whose minor unit is a hundredth (cents, fen); write such amounts as `decimal` figures",
    };
  }
  return undefined;
}
