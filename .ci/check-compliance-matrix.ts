/**
 * Checks docs/scim-compliance.md: every named test exists (the file, and a test of that exact
 * name in it), every implemented row names one and says after each what it asserts
 * (` — asserts: …`), no row is missing or lacks its reason, and the totals in the matrix and in
 * the README match the rows. Run: npx ts-node .ci/check-compliance-matrix.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const MATRIX = 'docs/scim-compliance.md';
const STATUSES = ['implemented', 'deliberately not', 'not applicable'] as const;
type Status = (typeof STATUSES)[number];

interface Row {
  id: string;
  status: Status | 'missing';
  reason: string;
  /** `asserts`: the phrase after ` — asserts:`, '' when the test has none. */
  tests: Array<{ file: string; name: string; asserts: string }>;
}

/** A table row: `| id | § | level | requirement | status | tests |`. */
function parseRows(markdown: string): Row[] {
  const rows: Row[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== 8 || !/^\d{4}-[\d.]+-[a-z]$/.test(cells[1] ?? '')) continue;
    const [, id, , , , statusCell, testCell] = cells as [string, string, ...string[]];
    const status = STATUSES.find((s) => statusCell!.startsWith(s)) ?? 'missing';
    // `` `file` › name — asserts: what the test checks ``, tests separated by `<br>`.
    const tests = [...testCell!.matchAll(/`([^`]+)` › ([^<]+?)(?=<br>|$)/g)];
    const named = tests.map((m) => {
      const text = m[2]!;
      const asserts = / — asserts:(.*)$/.exec(text);
      return {
        file: m[1]!,
        name: (asserts ? text.slice(0, asserts.index) : text).trim(),
        asserts: asserts ? asserts[1]!.trim() : '',
      };
    });
    rows.push({ id, status, reason: statusCell!.slice(status.length).trim(), tests: named });
  }
  return rows;
}

/** Names of `it`/`test` calls (an `it.each` template as written), unescaped. */
function testNames(source: string): Set<string> {
  const names = new Set<string>();
  const call = /(?:\bit|\btest|\))\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of source.matchAll(call)) {
    names.add(match[2]!.replace(/\\(.)/g, '$1'));
  }
  return names;
}

/** The `name` of every case in a PATCH fixture file (run by patch-fixtures.test.ts). */
function fixtureNames(source: string): Set<string> {
  const fixture = JSON.parse(source) as { cases?: Array<{ name?: unknown }> };
  return new Set((fixture.cases ?? []).map((c) => String(c.name)));
}

function totalsLine(rows: Row[]): string {
  const count = (s: Row['status']) => rows.filter((r) => r.status === s).length;
  return (
    `${rows.length} requirements: ${count('implemented')} implemented, ` +
    `${count('deliberately not')} deliberately not, ${count('not applicable')} not applicable`
  );
}

function check(): string[] {
  const problems: string[] = [];
  const markdown = readFileSync(path.join(root, MATRIX), 'utf8');
  const rows = parseRows(markdown);
  if (rows.length === 0) return [`${MATRIX}: no rows found`];
  const names = new Map<string, Set<string>>();
  const ids = new Set<string>();
  for (const row of rows) {
    if (ids.has(row.id)) problems.push(`${row.id}: the id is used twice`);
    ids.add(row.id);
    if (row.status === 'missing') problems.push(`${row.id}: status is not one of ${STATUSES}`);
    if (row.status !== 'implemented' && row.status !== 'missing' && row.reason.length < 10)
      problems.push(`${row.id}: "${row.status}" needs a reason`);
    if (row.status === 'implemented' && row.tests.length === 0)
      problems.push(`${row.id}: an implemented row names no test`);
    for (const { file, name, asserts } of row.tests) {
      if (row.status === 'implemented' && asserts.length === 0)
        problems.push(`${row.id}: "${name}" in ${file} needs " — asserts: <what it checks>"`);
      const full = path.join(root, file);
      if (!existsSync(full)) {
        problems.push(`${row.id}: ${file} does not exist`);
        continue;
      }
      if (!names.has(file)) {
        const source = readFileSync(full, 'utf8');
        names.set(file, file.endsWith('.json') ? fixtureNames(source) : testNames(source));
      }
      if (!names.get(file)!.has(name)) problems.push(`${row.id}: no test "${name}" in ${file}`);
    }
  }
  const totals = totalsLine(rows);
  if (!markdown.includes(`Totals: ${totals}`))
    problems.push(`${MATRIX}: the totals line should read "Totals: ${totals}, 0 missing."`);
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  if (!readme.includes(MATRIX) || !readme.includes(totals))
    problems.push(`README.md: the SCIM support section should link ${MATRIX} and say "${totals}"`);
  return problems;
}

const problems = check();
for (const problem of problems) process.stderr.write(`${problem}\n`);
if (problems.length > 0) process.exit(1);
process.stdout.write(
  `${MATRIX}: every named test exists, every test of an implemented row says what it asserts; totals match\n`,
);
