// A Bot Framework connector on loopback: the serviceUrl replies and notices are POSTed to, recording each request.
import http from 'node:http';
import { PATIENCE_MS } from './patience.js';

export interface ConnectorRequest {
  path: string;
  body: {
    type?: string;
    text?: string;
    replyToId?: string;
    suggestedActions?: { actions: { title: string }[] };
    [k: string]: unknown;
  };
}

export async function startConnector() {
  const received: ConnectorRequest[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  /** Waits (at most PATIENCE_MS) until `n` requests arrived; returns all of them. */
  const waitFor = async (n: number) => {
    const deadline = performance.now() + PATIENCE_MS;
    while (received.length < n && performance.now() < deadline)
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    return received;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type Connector = Awaited<ReturnType<typeof startConnector>>;
