import { WebSocket } from 'ws';
import type { FaultDice } from './faults.js';
import { garbageFrame } from './faults.js';
import type { Market } from './market.js';
import { formingIndex, lastClosedIndex } from './series.js';
import type { SimulatorStats } from './stats.js';
import type { SimConnection, StreamCursor } from './wsConnection.js';
import { combinedFrame, klineEventJson } from './wire.js';

export interface PushDeps {
  readonly market: Market;
  readonly stats: SimulatorStats;
  readonly dice: FaultDice;
}

function send(conn: SimConnection, cursor: StreamCursor, rawJson: string): void {
  conn.ws.send(conn.combined ? combinedFrame(cursor.name, rawJson) : rawJson);
}

/**
 * One push round at simulated `nowMs`: for every kline subscription of every live (non-legacy)
 * connection, first the `x:true` event of each candle closed since the last round, oldest first,
 * then one forming update. Frames are built once per round and shared by connections. Stream
 * faults (garbage, duplicate closed events, an older forming update after a newer one) are drawn here.
 */
export function pushRound(connections: Iterable<SimConnection>, nowMs: number, deps: PushDeps): void {
  const { market, stats, dice } = deps;
  const cache = new Map<string, string>();
  const eventJson = (cursor: StreamCursor, index: number, atMs: number): { json: string; closed: boolean } => {
    const series = cursor.series!;
    const { candle, closed } = market.candleAt(series, index, atMs);
    const key = `${cursor.name}|${index}|${closed}`;
    let json = cache.get(key);
    if (json === undefined) {
      json = klineEventJson(series.symbol, series.interval, candle, closed, nowMs, series);
      cache.set(key, json);
    }
    return { json, closed };
  };
  for (const conn of connections) {
    if (conn.legacy || conn.ws.readyState !== WebSocket.OPEN) continue;
    for (const cursor of conn.cursors.values()) {
      const series = cursor.series;
      if (!series) continue;
      // A symbol that stopped trading pushes nothing after the moment it stopped.
      const clock = market.candleClock(series.symbol, nowMs);
      const newestClosed = lastClosedIndex(series, clock.nowMs);
      for (let i = cursor.lastClosedIndex + 1; i <= newestClosed; i += 1) {
        const { json } = eventJson(cursor, i, clock.nowMs);
        send(conn, cursor, json);
        stats.frames.closed += 1;
        if (dice.shouldDuplicate()) {
          send(conn, cursor, json);
          stats.frames.duplicate += 1;
          stats.faults.duplicates += 1;
        }
      }
      if (newestClosed > cursor.lastClosedIndex) {
        cursor.lastClosedIndex = newestClosed;
        cursor.latestForming = undefined;
      }
      const forming = clock.halted ? -1 : formingIndex(series, nowMs);
      if (forming < 0) continue;
      const { json } = eventJson(cursor, forming, nowMs);
      send(conn, cursor, json);
      stats.frames.forming += 1;
      const older = cursor.latestForming;
      if (older && older.index === forming && older.json !== json && dice.shouldReorder()) {
        send(conn, cursor, older.json);
        stats.frames.reordered += 1;
        stats.faults.reorders += 1;
      }
      cursor.latestForming = { index: forming, json };
    }
    const kind = dice.nextGarbage();
    if (kind) {
      const first = conn.cursors.values().next().value;
      const sample = first?.latestForming?.json ?? '{"e":"kline","E":0}';
      conn.ws.send(garbageFrame(kind, sample, conn.combined).data);
      stats.frames.garbage += 1;
      stats.faults.garbage += 1;
    }
  }
}
