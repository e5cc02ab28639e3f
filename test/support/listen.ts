import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server already listening on a free loopback port, whose handler is attached later
 * (`server.on('request', app)`): an app that needs its own URL in its configuration learns it
 * from a port it already holds, so no other process can take the port between picking and
 * binding (parallel test workers start servers all the time).
 */
export async function listeningServer(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
