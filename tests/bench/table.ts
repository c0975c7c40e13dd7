// Bench output: one table per suite, each figure beside the baseline measured in the same run, the ratio, the goal.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** "ratio ≤ 1", "≤ 300 ms": what good looks like, printed as is. */
  goal?: string;
  /** Whether the figure meets the goal (undefined when there is no goal). */
  met?: boolean;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toFixed(3);
}

export function printTable(title: string, rows: BenchRow[]): void {
  const header = ["measure", "value", "baseline", "baseline value", "ratio", "goal", "met"];
  const lines = rows.map((row) => [
    row.name,
    `${format(row.value)} ${row.unit}`,
    row.baseline?.name ?? "",
    row.baseline ? `${format(row.baseline.value)} ${row.unit}` : "",
    row.baseline && row.baseline.value !== 0 ? `${format(row.value / row.baseline.value)}×` : "",
    row.goal ?? "",
    row.met === undefined ? "" : row.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  process.stdout.write(`\n## ${title}\n\n${render(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n`);
  for (const line of lines) process.stdout.write(`${render(line)}\n`);
}

/** The median of `rounds` timings (ms) of `task`, after `warmup` untimed runs. */
export async function medianMs(task: () => unknown, rounds = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
