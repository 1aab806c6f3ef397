import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { apiRoutes, BadRequestError } from './api.js';
import { renderDashboardHtml, type DashboardLanguage } from './dashboard/page.js';
import { evaluateHealth } from './health.js';
import { createMetrics } from './metrics.js';
import type { HttpSources } from './sources.js';

export interface HttpServerDeps {
  readonly host: string;
  /** HTTP_PORT from config: 0 there means the server is disabled and nothing listens. */
  readonly port: number;
  /** Port actually bound, overriding `port`; `0` here asks the OS for a free one (tests). */
  readonly listenPort?: number;
  readonly sources: HttpSources;
  readonly logger: Logger;
  /** Language of the dashboard labels (LANGUAGE); Vietnamese by default. */
  readonly language?: DashboardLanguage;
  /** Wall clock for uptime; injectable so tests can age the process. */
  readonly nowMs?: () => number;
}

export interface HttpServerHandle {
  /** `http://host:port` once listening; `null` when disabled by `port: 0`. */
  readonly url: string | null;
  close(): Promise<void>;
}

const SECURITY_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;
/** The dashboard may only talk to its own origin: no CDN, no beacon, no external image. */
const DASHBOARD_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra?: Record<string, string>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The bot's read-only HTTP face: `/health` for supervisors, `/metrics` for Prometheus, `/api/*`
 * JSON and the live dashboard at `/`. Built on node:http alone; every request reads `sources`
 * afresh, so the server keeps no copy of the bot's state. Whoever creates it closes it.
 */
export async function createHttpServer(deps: HttpServerDeps): Promise<HttpServerHandle> {
  const { host, sources } = deps;
  const log = deps.logger.child({ component: 'http' });
  const port = deps.listenPort ?? deps.port;
  if (deps.listenPort === undefined && deps.port === 0) {
    log.info('http server disabled');
    return { url: null, close: async () => {} };
  }
  const nowMs = deps.nowMs ?? (() => Date.now());
  const metrics = createMetrics(sources, nowMs);
  const api = apiRoutes(sources, nowMs, deps.language ?? 'vi');
  const dashboard = renderDashboardHtml({ language: deps.language ?? 'vi' });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'GET' });
    // Appended to a fixed origin, so `//host/x` stays a path instead of naming another host.
    const url = new URL(`http://localhost${req.url ?? '/'}`);
    const path = url.pathname;
    if (path === '/health') {
      const report = evaluateHealth(sources, nowMs());
      return sendJson(res, report.ok ? 200 : 503, report);
    }
    if (path === '/metrics') return send(res, 200, metrics.contentType, await metrics.render());
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', dashboard, { 'content-security-policy': DASHBOARD_CSP });
    const route = api.get(path);
    if (route !== undefined) return sendJson(res, 200, route(url.searchParams));
    return sendJson(res, 404, { error: 'not_found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BadRequestError) return sendJson(res, 400, { error: 'bad_request', detail: err.message });
      log.error({ err, path: req.url }, 'http request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error({ err }, 'http server error'));
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(host)}:${bound}`;
  // One line, named for what a person opens there (health and metrics are beside it).
  log.info({ url: `${url}/` }, 'dashboard at');

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // keep-alive sockets would hold close() open
      }),
  };
}
