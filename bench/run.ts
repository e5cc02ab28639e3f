import os from 'node:os';
import path from 'node:path';
import { readBenchConfig } from './support/config';
import type { ScenarioContext } from './support/context';
import { openBenchDatabase } from './support/database';
import { formatTable, writeResults, type Row } from './support/report';
import { startBenchSendgrid } from './support/sendgrid-stand-in';
import { BENCH_SENDGRID_KEY } from './support/server-process';
import { benchCreate } from './scenarios/create';
import { benchEntraSync } from './scenarios/entra-sync';
import { benchEvents } from './scenarios/events';
import { benchFloor } from './scenarios/floor';
import { benchImport } from './scenarios/import';
import { benchLimits } from './scenarios/limits';
import { benchLookup } from './scenarios/lookup';
import { benchOutage } from './scenarios/outage';
import { benchPeers } from './scenarios/peers';
import { benchReadAndPatch } from './scenarios/read-patch';
import { benchSignIn } from './scenarios/sign-in';
import { benchWelcome } from './scenarios/welcome';

/**
 * `npm run bench [-- --quick]`: every scenario against the server (a separate process) and, in
 * the same run, against its ceiling on the same database at the same concurrency.
 */
const SCENARIOS: Array<[string[], (ctx: ScenarioContext) => Promise<Row[]>]> = [
  [['S7'], benchFloor],
  [['S1'], benchCreate],
  [['S3', 'S4'], benchReadAndPatch],
  [['S2'], benchLookup],
  [['S5'], benchImport],
  [['S6'], benchWelcome],
  [['S8'], benchLimits],
  [['S9'], benchEntraSync],
  [['S10'], benchEvents],
  [['S11'], benchOutage],
  [['S12'], benchSignIn],
  [['S13'], benchPeers],
];

async function main(): Promise<void> {
  const config = readBenchConfig(process.argv.slice(2), process.env);
  const say = (line: string) => process.stderr.write(`[bench ${clock()}] ${line}\n`);
  const db = await openBenchDatabase(process.env.MONGODB_URI, say);
  const sendgrid = await startBenchSendgrid(BENCH_SENDGRID_KEY);
  const ctx: ScenarioContext = { config, db, sendgrid, say };
  const meta = {
    date: new Date().toISOString(),
    database: db.label,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    config: { ...config, only: [...config.only] },
  };
  say(`${db.label}, node ${process.version}, ${meta.cpus} CPUs, ${meta.memoryGiB} GiB`);
  const rows: Row[] = [];
  try {
    for (const [ids, run] of SCENARIOS) {
      if (!ids.some((id) => wanted(config.only, id))) continue;
      try {
        rows.push(...(await run(ctx)));
      } catch (error) {
        say(`${ids.join('/')} failed: ${(error as Error).stack ?? String(error)}`);
        rows.push({
          scenario: ids.join('/'),
          target: '—',
          met: false,
          note: `failed: ${(error as Error).message}`,
        });
      }
    }
  } finally {
    await sendgrid.close();
    await db.close();
  }
  const table = formatTable(rows);
  const file = await writeResults(path.resolve(__dirname, '../../bench/results'), meta, rows);
  process.stdout.write(
    `\n${db.label} · node ${process.version} · ${meta.cpus} CPUs · ${meta.memoryGiB} GiB · ` +
      `${config.connections} connections · ${config.durationS} s per load${config.quick ? ' · quick' : ''}\n` +
      `\n` +
      `${table}\n\nresults: ${path.relative(process.cwd(), file)}\n`,
  );
}

/** BENCH_ONLY=S1,S7 picks scenarios; S5 imports the tenant S2 grows, so it brings S2 along. */
const wanted = (only: Set<string>, id: string): boolean =>
  only.size === 0 || only.has(id) || (id === 'S2' && only.has('S5'));

const clock = () => new Date().toISOString().slice(11, 19);

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
