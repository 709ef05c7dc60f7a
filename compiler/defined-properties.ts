/**
 * The properties of `properties` whose value is not undefined: `{ name, ...definedProperties({ label, unit }) }`
 * leaves out what has no value instead of writing it as undefined, so that JSON, deep equality
 * and a spread over defaults all see it as absent.
 */
export function definedProperties<T extends object>(properties: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const defined: { [K in keyof T]?: Exclude<T[K], undefined> } = {};
  for (const key in properties) {
    const value = properties[key];
    if (value !== undefined) defined[key] = value as Exclude<T[typeof key], undefined>;
  }
  return defined;
}
