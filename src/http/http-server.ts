// The one HTTP server: Bot Framework endpoint, health check, and any webhook a channel mounts.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.js';

/** A handler for one path; POST only unless it lists its `methods` (the WeChat OA callback also answers GET). */
export type Route = ((req: IncomingMessage, res: ServerResponse) => Promise<void> | void) & {
  methods?: readonly string[];
};

export interface HttpServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(opts: {
  port: number;
  host: string;
  routes: Record<string, Route>;
  health: () => Promise<{ ok: boolean; [k: string]: unknown }>;
  logger: Logger;
}): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/healthz') {
      void opts.health().then(
        (h) => send(res, h.ok ? 200 : 503, h),
        (err: unknown) => send(res, 503, { ok: false, error: (err as Error).message }),
      );
      return;
    }
    const candidate = opts.routes[path];
    const route = candidate && (candidate.methods ?? ['POST']).includes(req.method ?? '') ? candidate : undefined;
    if (!route) return send(res, 404, { error: 'not found' });
    Promise.resolve(route(req, res)).catch((err: unknown) => {
      opts.logger.error({ err, path }, 'http route failed');
      if (!res.headersSent) send(res, 500, { error: '服务器内部错误' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
