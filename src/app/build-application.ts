import type { Express } from 'express';
import type { AppContext } from './context';
import { createApp, type AppRouters } from './create-app';
import { scimRouter } from '../scim/routes/scim-router';

/** Background work a process runs beside HTTP (outbox workers, sweeps). */
export interface BackgroundWorker {
  start(): void;
  /** Stops claiming work, waits for in-flight work, releases leases. */
  stop(): Promise<void>;
}

export interface Application {
  app: Express;
  workers: BackgroundWorker[];
}

/** Composes the capabilities into routers and workers. */
export function buildApplication(ctx: AppContext): Application {
  const routers: AppRouters = { scim: scimRouter(ctx) };
  const workers: BackgroundWorker[] = [];
  return { app: createApp(ctx, routers), workers };
}
