/**
 * Lookups by name that never reach an object's prototype: a policy may name a parameter,
 * a measure or an output `constructor`, `toString` or `__proto__`, and a scenario may use
 * such a key; an object looked up by such a name must answer for its own properties only.
 */
import type { RuntimeValue } from "./scenario.js";

/** The object's own property `key`, or undefined, whatever its prototype has. */
export function ownValue<T>(object: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * An object keyed by names of the policy or of a scenario, without a prototype: no name reads
 * an inherited property, and a name `__proto__` is a key like any other.
 */
export function nameMap<T>(): { [name: string]: T } {
  return Object.create(null) as { [name: string]: T };
}

/**
 * The parameter values a scenario gives, in an object without a prototype: evaluators look
 * a parameter up by its name, and a parameter the scenario does not give must be absent,
 * not a property every object inherits (`constructor`, `toString`…).
 */
export function parameterOverrides(entries: Iterable<readonly [string, RuntimeValue]> = []): { [name: string]: RuntimeValue } {
  const overrides = nameMap<RuntimeValue>();
  for (const [name, value] of entries) overrides[name] = value;
  return overrides;
}
