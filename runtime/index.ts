/** The runtime of tiao: what the interpreter and generated evaluators import. */
export * from "./dates.js";
export * from "./decimal.js";
export * from "./errors.js";
export * from "./json.js";
export * from "./money.js";
export * from "./own-properties.js";
export * from "./scenario.js";
export type * from "./types.js";
