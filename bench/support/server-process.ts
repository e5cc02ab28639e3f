import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../src/platform/db/engine/run-command';
import { processStat } from './machine-cpu';

/** The built server (`dist/src/main.js`) as its own process, so its memory is its own. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process: S13 keeps the idle server off the CPU. */
  pause(paused: boolean): void;
  stop(): Promise<void>;
}

export const BENCH_SCIM_TOKEN = 'scim_bench_token_0123456789abcdefghijklmnop';
export const BENCH_ADMIN = {
  email: 'bench@example.test',
  password: 'a long enough bench password',
};
export const BENCH_SENDGRID_KEY = 'SG.bench.stand-in-key';

const MAIN = path.resolve(__dirname, '../../src/main.js');

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : NaN;
}

/**
 * CPU time (utime + stime, in ms) process `pid` has used: what `process.cpuUsage()` would say
 * inside it, read from outside so the bench needs no hook in the server.
 */
export const processCpuMs = (pid: number): number => processStat(pid).ms;

/** What the bench does with a server it started: read its CPU, freeze it, stop it. */
export interface ChildControls {
  cpuMs(): number;
  pause(paused: boolean): void;
  /** SIGTERM (thawed first), then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(): Promise<void>;
}

export function childControls(child: ChildProcess, graceMs: number): ChildControls {
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let lastCpuMs = 0;
  return {
    cpuMs() {
      if (child.exitCode === null) lastCpuMs = processCpuMs(pid);
      return lastCpuMs;
    },
    pause(paused) {
      if (child.exitCode === null) child.kill(paused ? 'SIGSTOP' : 'SIGCONT');
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(force);
    },
  };
}

export async function startServer(
  mongodbUri: string,
  sendgridUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      MONGODB_URI: mongodbUri,
      APP_SECRET: 'bench-app-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      SCIM_BOOTSTRAP_TOKEN: BENCH_SCIM_TOKEN,
      ADMIN_BOOTSTRAP_EMAIL: BENCH_ADMIN.email,
      ADMIN_BOOTSTRAP_PASSWORD: BENCH_ADMIN.password,
      EMAIL_TRANSPORT: 'sendgrid',
      SENDGRID_API_KEY: BENCH_SENDGRID_KEY,
      SENDGRID_API_BASE_URL: sendgridUrl,
      EMAIL_FROM: 'no-reply@example.test',
      // e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to profile the server under a scenario.
      ...(process.env.BENCH_SERVER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
        : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (c: Buffer) => (output = (output + c.toString()).slice(-8_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`server not ready within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? 0;
  const controls = childControls(child, 25_000);
  let lastPeakKb = 0;
  return {
    url,
    pid,
    peakRssMb() {
      if (child.exitCode === null) lastPeakKb = statusKb(pid, 'VmHWM');
      return Math.round(lastPeakKb / 1024);
    },
    cpuMs: controls.cpuMs,
    pause: controls.pause,
    async stop() {
      if (child.exitCode === null) lastPeakKb = statusKb(pid, 'VmHWM');
      await controls.stop();
    },
  };
}

/** Signs in as the bootstrap administrator and turns the Identity Manager switch on. */
export async function switchWelcomeOn(server: ServerProcess): Promise<void> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${server.url}/api/identity-manager/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ sendWelcomeEmail: true }),
  });
  if (res.status !== 200) throw new Error(`switching welcome on answered ${res.status}`);
}

/** POST /scim/v2/Users; returns the created id. */
export async function createUserOverHttp(server: ServerProcess, userName: string): Promise<string> {
  const res = await fetch(`${server.url}/scim/v2/Users`, {
    method: 'POST',
    headers: scimHeaders(),
    body: JSON.stringify(userBody(userName)),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) throw new Error(`create ${userName}: ${res.status}`);
  return body.id;
}

export function scimHeaders(): Record<string, string> {
  return {
    'Content-Type': 'application/scim+json',
    Authorization: `Bearer ${BENCH_SCIM_TOKEN}`,
  };
}

/** An Entra-like create body: userName, a work email, a name and an externalId. */
export function userBody(userName: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    externalId: `ext-${userName}`,
    active: true,
    displayName: `Bench ${userName}`,
    name: { givenName: 'Bench', familyName: userName.split('@')[0] },
    emails: [{ value: userName, type: 'work', primary: true }],
  };
}
