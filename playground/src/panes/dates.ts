/** Calendar dates as day numbers for drawing, independent of the time zone. */
export function dayNumber(iso: string): number {
  const [year = "1970", month = "1", day = "1"] = iso.split("-");
  return Date.UTC(Number(year), Number(month) - 1, Number(day)) / 86_400_000;
}

export function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
