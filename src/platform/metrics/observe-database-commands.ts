import type { mongo } from 'mongoose';
import type { Metrics } from './metrics';

/**
 * Feeds the database command histogram from the driver's command monitoring (the connection
 * is opened with `monitorCommands: true`), so no query is wrapped and none is added.
 */
export function observeDatabaseCommands(client: mongo.MongoClient, metrics: Metrics): void {
  client.on('commandSucceeded', (e: mongo.CommandSucceededEvent) =>
    metrics.observeDbCommand(e.commandName, e.duration / 1000, true),
  );
  client.on('commandFailed', (e: mongo.CommandFailedEvent) =>
    metrics.observeDbCommand(e.commandName, e.duration / 1000, false),
  );
}
