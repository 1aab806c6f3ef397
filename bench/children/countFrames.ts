// Floor of the `cpu` benchmark: a bare `ws` client on the same streams as the bot, that only counts
// frames. `node --import tsx bench/children/countFrames.ts WS_BASE_URL SECONDS STREAMS_PER_CONN stream1,stream2,…`
// Prints {"frames":N} after SECONDS and exits.
import { WebSocket } from 'ws';

const [baseUrl, secondsText, perConnText, streamList] = process.argv.slice(2);
const streams = (streamList ?? '').split(',').filter((s) => s.length > 0);
const perConn = Number(perConnText);
let frames = 0;
const sockets: WebSocket[] = [];
for (let i = 0; i < streams.length; i += perConn) {
  const ws = new WebSocket(`${baseUrl}/stream?streams=${streams.slice(i, i + perConn).join('/')}`);
  ws.on('message', () => {
    frames += 1;
  });
  sockets.push(ws);
}
setTimeout(() => {
  for (const ws of sockets) ws.terminate();
  process.stdout.write(`${JSON.stringify({ frames, connections: sockets.length })}\n`);
}, Number(secondsText) * 1000);
