/**
 * Identifiers of generated code: policy names (snake_case) in TypeScript's conventions,
 * kept unique within a scope and clear of reserved words and of the runtime's exports.
 */

/** JavaScript's reserved words and the globals generated code itself uses. */
const RESERVED_WORDS = [
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
  "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements",
  "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public",
  "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "undefined", "var", "void",
  "while", "with", "yield", "any", "boolean", "number", "string", "symbol", "never", "unknown", "object", "type",
];

/**
 * Global names of JavaScript (ECMAScript, and the web globals Node and browsers share) and
 * of TypeScript's standard library (utility types, the interfaces of lib.es*.d.ts, the
 * commonest of the DOM's): a type or function exported under one of them would shadow the
 * global in every module that imports it (`Parameters`, `Date`, `Event`). test/emit/globals.test.ts
 * checks that every global of Node's `globalThis` is here.
 */
export const GLOBAL_NAMES = [
  // ECMAScript
  "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean", "DataView",
  "Date", "Error", "EvalError", "FinalizationRegistry", "Float16Array", "Float32Array", "Float64Array", "Function",
  "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object",
  "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol",
  "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap",
  "WeakRef", "WeakSet", "WebAssembly", "globalThis",
  // web globals of Node and browsers
  "AbortController", "AbortSignal", "Blob", "BroadcastChannel", "Buffer", "ByteLengthQueuingStrategy", "CompressionStream",
  "CountQueuingStrategy", "Crypto", "CryptoKey", "CustomEvent", "DOMException", "DecompressionStream", "Event", "EventTarget",
  "File", "FormData", "Headers", "MessageChannel", "MessageEvent", "MessagePort", "Navigator", "Performance", "PerformanceEntry",
  "PerformanceMark", "PerformanceMeasure", "PerformanceObserver", "PerformanceObserverEntryList", "PerformanceResourceTiming",
  "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
  "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request", "Response", "SubtleCrypto", "TextDecoder",
  "TextDecoderStream", "TextEncoder", "TextEncoderStream", "TransformStream", "TransformStreamDefaultController", "URL",
  "URLSearchParams", "WebSocket", "Worker", "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter",
  // TypeScript's utility types and standard interfaces
  "Awaited", "Capitalize", "ConstructorParameters", "Exclude", "Extract", "InstanceType", "Lowercase", "NoInfer", "NonNullable",
  "Omit", "OmitThisParameter", "Parameters", "Partial", "Pick", "Readonly", "Record", "Required", "ReturnType",
  "ThisParameterType", "ThisType", "Uncapitalize", "Uppercase", "ArrayBufferLike", "ArrayBufferView", "ArrayLike",
  "AsyncDisposable", "AsyncDisposableStack", "AsyncGenerator", "AsyncGeneratorFunction", "AsyncIterable", "AsyncIterableIterator",
  "AsyncIterator", "CallableFunction", "ClassDecorator", "Disposable", "DisposableStack", "Generator", "GeneratorFunction",
  "IArguments", "Iterable", "IterableIterator", "MethodDecorator", "NewableFunction", "ParameterDecorator", "PromiseLike",
  "PropertyDecorator", "PropertyDescriptor", "PropertyDescriptorMap", "PropertyKey", "ReadonlyArray", "ReadonlyMap",
  "ReadonlySet", "TemplateStringsArray", "WeakKey",
  // the DOM's commonest
  "Animation", "Attr", "Audio", "CharacterData", "Comment", "Document", "DocumentFragment", "Element", "History", "HTMLElement",
  "Image", "KeyboardEvent", "Location", "MouseEvent", "Node", "NodeList", "Notification", "Option", "Range", "Screen",
  "Selection", "Storage", "Text", "Touch", "Window",
];

/** Words a generated identifier may not be. */
const RESERVED = [...RESERVED_WORDS, ...GLOBAL_NAMES];

function words(name: string): string[] {
  return name.split("_").filter((word) => word !== "");
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `ui_benefit_standard` → `uiBenefitStandard` */
export function camelCase(name: string): string {
  const [first = "value", ...rest] = words(name);
  return first + rest.map(capitalise).join("");
}

/** `ui_status` → `UiStatus`, `m4` → `M4` */
export function pascalCase(name: string): string {
  const parts = words(name);
  return parts.length === 0 ? "Value" : parts.map(capitalise).join("");
}

/** `2021-10-20` → `2021_10_20`, `-12.5` → `MINUS_12_5`: a literal's text as part of a constant's name. */
export function literalNamePart(text: string): string {
  return text.replace(/^-/, "MINUS_").replace(/[^A-Za-z0-9]+/g, "_");
}

/** The names taken in one scope; a name asked for twice gets a number. */
export class NameTable {
  private readonly taken = new Set<string>(RESERVED);

  constructor(private readonly parent?: NameTable) {}

  has(name: string): boolean {
    return this.taken.has(name) || (this.parent?.has(name) ?? false);
  }

  /** Marks a name as used, for names that must keep their spelling (runtime exports). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** A fresh name as close to `base` as possible. */
  take(base: string): string {
    let name = base;
    for (let n = 2; this.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}
