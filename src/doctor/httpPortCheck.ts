import { createServer } from 'node:net';
import type { Check } from './check.js';

const NAME = 'dashboard';

/**
 * HTTP_HOST:HTTP_PORT can be listened on (health, metrics and dashboard): the run stops with a fatal
 * error when it cannot. Listens for an instant and closes; HTTP_PORT=0 means no server.
 */
export async function checkHttpPort(host: string, port: number): Promise<Check> {
  if (port === 0) return { name: NAME, status: 'ok', detail: 'off (HTTP_PORT=0)', data: { port } };
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
  if (error === undefined) return { name: NAME, status: 'ok', detail: `${url} is free for health, metrics and the dashboard`, data: { url } };
  const why = error.code === 'EADDRINUSE' ? 'the port is in use (is kline-signals already running?)'
    : error.code === 'EACCES' ? 'ports below 1024 need root'
    : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' ? `${host} is not an address of this machine`
    : error.code ?? error.message;
  return { name: NAME, status: 'fail', detail: `cannot listen on ${url}: ${why}`, hint: 'choose another HTTP_PORT (0 turns the server off) or HTTP_HOST', data: { url, code: error.code } };
}
