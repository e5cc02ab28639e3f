import type { Connection } from 'mongoose';
import { pingDatabase } from './connect';

/**
 * What this process believes about its database, from the driver's own heartbeats (every
 * `heartbeatFrequencyMS`) and from the pings the request deadline makes. Recovery needs no
 * action: the first successful heartbeat or ping marks the database up again.
 */
export interface DatabaseAvailability {
  /** True after a failed heartbeat or ping, until the next successful one. */
  isDown(): boolean;
  /**
   * Whether the database is answering: true at once when any command succeeded within the last
   * `recentMs` (busy, not away: a saturated pool must not turn slow requests into 503s), else a
   * ping of at most `timeoutMs`, whose result is recorded.
   */
  check(timeoutMs: number, recentMs?: number): Promise<boolean>;
}

export function watchDatabaseAvailability(conn: Connection): DatabaseAvailability {
  // Per server: one failing member of a replica set does not make the database "down".
  const failing = new Set<string>();
  const seen = new Set<string>();
  let down = false;
  let lastAnswerAt = 0;
  const client = conn.getClient();
  // Command monitoring is on (connect.ts); a succeeded command proves the server is answering.
  client.on('commandSucceeded', () => {
    lastAnswerAt = Date.now();
  });
  client.on('serverHeartbeatFailed', (e: { connectionId: string }) => {
    seen.add(e.connectionId);
    failing.add(e.connectionId);
    down = failing.size === seen.size;
  });
  client.on('serverHeartbeatSucceeded', (e: { connectionId: string }) => {
    seen.add(e.connectionId);
    failing.delete(e.connectionId);
    down = false;
  });
  return {
    isDown: () => down,
    async check(timeoutMs, recentMs = 0) {
      if (Date.now() - lastAnswerAt < recentMs) return true;
      const ok = await pingDatabase(conn, timeoutMs);
      down = !ok;
      return ok;
    },
  };
}
