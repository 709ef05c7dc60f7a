/**
 * The progress bar of a population run, drawn on a terminal's stderr: how much of the
 * input is read, the rate, and the time left. Redrawn at most ten times a second, so
 * that drawing costs nothing next to evaluating.
 */
import type { PopulationProgress } from "./population.js";

export interface ProgressState extends PopulationProgress {
  /** the input's size in bytes, when known (not for standard input) */
  readonly totalBytes: number | undefined;
  readonly elapsedMs: number;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** `[██████░░░░░░]  42%  420,000 scenarios  51,200/s  1:12 left` */
export function progressLine(state: ProgressState): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.scenarios / seconds : 0;
  const parts: string[] = [];
  if (state.totalBytes !== undefined && state.totalBytes > 0) {
    const fraction = Math.min(1, state.bytes / state.totalBytes);
    const filled = Math.round(fraction * BAR_WIDTH);
    parts.push(`[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}]`, `${Math.floor(fraction * 100)}%`.padStart(4));
  }
  parts.push(`${state.scenarios.toLocaleString("en-US")} scenarios`, `${Math.round(rate).toLocaleString("en-US")}/s`);
  if (state.totalBytes !== undefined && state.bytes > 0 && seconds > 0) {
    const secondsLeft = ((state.totalBytes - state.bytes) / state.bytes) * seconds;
    parts.push(`${duration(Math.max(0, secondsLeft))} left`);
  }
  return parts.join("  ");
}

/** `0:07`, `12:30`, `1:02:03` */
function duration(totalSeconds: number): string {
  const rounded = Math.round(totalSeconds);
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor((rounded % 3600) / 60);
  const seconds = String(rounded % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A progress bar on a terminal, redrawn in place; `clear` leaves the line empty. */
export class ProgressBar {
  private readonly startMs = performance.now();
  private lastDrawMs = -Infinity;
  private drawn = false;

  constructor(
    private readonly terminal: NodeJS.WriteStream,
    private readonly totalBytes: number | undefined,
  ) {}

  update(progress: PopulationProgress): void {
    const now = performance.now();
    if (now - this.lastDrawMs < REDRAW_MS) return;
    this.lastDrawMs = now;
    const line = progressLine({ ...progress, totalBytes: this.totalBytes, elapsedMs: now - this.startMs });
    // one column short of the width, so that the terminal never wraps the line
    const width = Math.max(1, (this.terminal.columns || 80) - 1);
    this.terminal.write(`\r${line.slice(0, width)}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.terminal.write("\r\x1b[K");
    this.drawn = false;
  }
}
