/**
 * Background work a process runs beside HTTP (outbox workers, sweeps). It lives on the lowest
 * floor so that the capabilities that implement it (welcome/outbox) and the composition root
 * that starts it (app/) both take it from below.
 */
export interface BackgroundWorker {
  start(): void;
  /** Stops claiming work, waits for in-flight work, releases leases. */
  stop(): Promise<void>;
}
