import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadResult } from './load';

/** One line of the results table. */
export interface Row {
  scenario: string;
  server?: LoadResult;
  ceiling?: LoadResult;
  peakRssMb?: number;
  /** The target in words, e.g. "≥ 60% of ceiling". */
  target: string;
  /** undefined when the row has no target of its own. */
  met?: boolean;
  note: string;
}

export const ratioOf = (row: Pick<Row, 'server' | 'ceiling'>): number | undefined =>
  row.server && row.ceiling && row.ceiling.opsPerS > 0
    ? row.server.opsPerS / row.ceiling.opsPerS
    : undefined;

const num = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);

const HEADER = [
  'scenario',
  'ops/s',
  'p50 ms',
  'p99 ms',
  'peak RSS MB',
  'CPU ms/op',
  'ceiling ops/s',
  'ceiling p99 ms',
  'ratio',
  'target',
  'target met?',
  'notes',
];

function cells(row: Row): string[] {
  const ratio = ratioOf(row);
  return [
    row.scenario,
    num(row.server?.opsPerS, 1),
    num(row.server?.p50Ms, 1),
    num(row.server?.p99Ms, 1),
    num(row.peakRssMb),
    num(row.server?.cpuMsPerOp, 2),
    num(row.ceiling?.opsPerS, 1),
    num(row.ceiling?.p99Ms, 1),
    ratio === undefined ? '—' : `${(ratio * 100).toFixed(0)}%`,
    row.target,
    row.met === undefined ? '—' : row.met ? 'yes' : '**no**',
    row.note,
  ];
}

/** A Markdown table, so the same text goes to the terminal and into the README. */
export function formatTable(rows: Row[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(HEADER), rule, ...rows.map((r) => line(cells(r)))].join('\n');
}

export async function writeResults(
  dir: string,
  meta: Record<string, unknown>,
  rows: Row[],
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `bench-${stamp}.json`);
  const data = rows.map((row) => ({ ...row, ratio: ratioOf(row) }));
  await writeFile(file, `${JSON.stringify({ meta, rows: data }, null, 2)}\n`);
  return file;
}
