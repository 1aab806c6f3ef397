/** Counters of what the simulated exchange did, for tests and the demo: `sim.stats()` returns a copy. */
export interface SimulatorStats {
  connections: { open: number; opened: number; closed: number; legacy: number };
  frames: { forming: number; closed: number; control: number; errors: number; garbage: number; duplicate: number; reordered: number };
  faults: { drops: number; droppedSockets: number; stalls: number; garbage: number; duplicates: number; reorders: number; rest429Bursts: number; rest5xx: number; slowRest: number };
  rest: { requests: number; weightUsed: number; status429: number; status418: number; byPath: Record<string, number> };
  ws: { tooManyMessages: number; pongTimeouts: number; ageCuts: number; pingsSent: number; pongsReceived: number; rejectedUpgrades: number };
}

/** All counters at zero, for a new simulator. */
export function emptyStats(): SimulatorStats {
  return {
    connections: { open: 0, opened: 0, closed: 0, legacy: 0 },
    frames: { forming: 0, closed: 0, control: 0, errors: 0, garbage: 0, duplicate: 0, reordered: 0 },
    faults: { drops: 0, droppedSockets: 0, stalls: 0, garbage: 0, duplicates: 0, reorders: 0, rest429Bursts: 0, rest5xx: 0, slowRest: 0 },
    rest: { requests: 0, weightUsed: 0, status429: 0, status418: 0, byPath: {} },
    ws: { tooManyMessages: 0, pongTimeouts: 0, ageCuts: 0, pingsSent: 0, pongsReceived: 0, rejectedUpgrades: 0 },
  };
}
