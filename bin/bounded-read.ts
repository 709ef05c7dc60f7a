/**
 * Reading input with a limit: a path may name a device that never ends (`/dev/zero`), a
 * pipe may never close, and a file of someone else's may be of any size. What is read is
 * held whole in memory, so each kind of input has its size limit (docs/security.md).
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import type { Readable } from "node:stream";
import { describeFileError } from "./policy-files.js";

/**
 * A scenario, or a line of a file of scenarios, is a few kilobytes: 64 MB is far beyond any
 * real case and still bounds what one holds in memory.
 */
export const MAX_SCENARIO_BYTES = 1 << 26;

export type BoundedBytes =
  | { readonly ok: true; readonly bytes: Buffer }
  /** `tooLarge`: the input has more bytes than the limit */
  | { readonly ok: false; readonly problem: string; readonly tooLarge: boolean };

const failure = (problem: string): BoundedBytes => ({ ok: false, problem, tooLarge: false });
const tooLarge = (limit: number): BoundedBytes => ({ ok: false, problem: `it is larger than ${describeSize(limit)}`, tooLarge: true });

/** "64 MB" */
export function describeSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes / (1 << 10)} kB`;
}

/**
 * A regular file of at most `limit` bytes (links followed). Anything else — a folder, a
 * device, a pipe, a larger file — is refused with the reason, before anything is read.
 */
export function readRegularFile(path: string, limit: number): BoundedBytes {
  let fd: number;
  try {
    // Without waiting, should it be a pipe with no writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return failure(describeFileError(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return failure(stats.isDirectory() ? "it is a folder" : "it is not a regular file");
    if (stats.size > limit) return tooLarge(limit);
    // A file may grow after its size was read: never more than the limit, and one byte to tell.
    const buffer = Buffer.allocUnsafe(limit + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length <= limit; length += read) read = readSync(fd, buffer, length, limit + 1 - length, null);
    if (length > limit) return tooLarge(limit);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return failure(describeFileError(error));
  } finally {
    closeSync(fd);
  }
}

/** At most `limit` bytes of a stream (a file, a pipe, a device, standard input), stopping as soon as there are more. */
export async function readStreamBounded(stream: Readable, limit: number): Promise<BoundedBytes> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > limit) {
        stream.destroy();
        return tooLarge(limit);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return failure(describeFileError(error));
  }
  return { ok: true, bytes: Buffer.concat(chunks, length) };
}

/** A file, or standard input for `-`, as a stream. */
export function inputStream(path: string): Readable {
  return path === "-" ? process.stdin : createReadStream(path);
}

export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly line: number; readonly column: number; readonly byte: number };

/**
 * UTF-8 bytes as text, a byte-order mark kept (the JSON readers skip one at the start).
 * Bytes that are not UTF-8 are refused, with the line and column (in characters) where they
 * start: replacing them would silently change a name or an amount.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = lenientDecoder.decode(bytes.subarray(0, at));
    const lineStart = before.lastIndexOf("\n") + 1;
    let line = 1;
    for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
    return { ok: false, line, column: before.length - lineStart + 1, byte: bytes[at] ?? 0 };
  }
}

const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return at;
    at += length;
  }
  return bytes.length;
}

/** The length of the well-formed sequence at `at` (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); 0 if there is none. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const first = bytes[at]!;
  if (first < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[at + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** The problem of bytes that are not UTF-8, as a scenario problem's message. */
export function invalidUtf8Message(decoded: Extract<DecodedText, { ok: false }>): string {
  return `line ${decoded.line}, column ${decoded.column}: byte 0x${decoded.byte.toString(16).toUpperCase().padStart(2, "0")} is not UTF-8: a scenario is UTF-8 text`;
}
