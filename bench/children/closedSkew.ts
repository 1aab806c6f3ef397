// Floor of the `watermark` benchmark: a bare `ws` client on the same streams as the bot that notes
// when each closed 30m candle arrives, per candle end, so the spread between the first and the last
// symbol's arrival (the skew the watermark must wait out) is measured on the same sockets' timing.
// `node --import tsx bench/children/closedSkew.ts WS_BASE_URL SECONDS STREAMS_PER_CONN stream1,stream2,…`
// Prints {"ends":N,"spreadsMs":[…]} after SECONDS and exits.
import { WebSocket } from 'ws';

const [baseUrl, secondsText, perConnText, streamList] = process.argv.slice(2);
const streams = (streamList ?? '').split(',').filter((s) => s.length > 0);
const symbols = new Set(streams.map((s) => s.slice(0, s.indexOf('@'))));
const perConn = Number(perConnText);
/** Per 30m candle end: first and last arrival, and how many symbols delivered it. */
const arrivals = new Map<number, { first: number; last: number; count: number }>();
const sockets: WebSocket[] = [];
for (let i = 0; i < streams.length; i += perConn) {
  const ws = new WebSocket(`${baseUrl}/stream?streams=${streams.slice(i, i + perConn).join('/')}`);
  ws.on('message', (data: Buffer) => {
    const text = data.toString();
    if (!text.includes('"x":true') || !text.includes('"i":"30m"')) return;
    const now = performance.now();
    const { data: event } = JSON.parse(text) as { data: { k: { T: number } } };
    const end = event.k.T + 1;
    const seen = arrivals.get(end);
    if (seen) {
      seen.last = now;
      seen.count += 1;
    } else arrivals.set(end, { first: now, last: now, count: 1 });
  });
  sockets.push(ws);
}
setTimeout(() => {
  for (const ws of sockets) ws.terminate();
  const complete = [...arrivals.values()].filter((a) => a.count === symbols.size);
  process.stdout.write(`${JSON.stringify({ ends: complete.length, spreadsMs: complete.map((a) => a.last - a.first) })}\n`);
}, Number(secondsText) * 1000);
