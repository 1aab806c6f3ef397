import { describe, expect, it } from 'vitest';
import { handleControlMessage, type ControlContext } from '../../src/sim/wsControl.js';

const ctx: ControlContext = { streams: ['btcusdt@kline_30m'], combined: true, maxStreams: 3 };
const reply = (message: unknown, c: ControlContext = ctx): unknown =>
  JSON.parse(handleControlMessage(typeof message === 'string' ? message : JSON.stringify(message), c).reply);

describe('control messages (PROTOCOLS A5)', () => {
  it('ACKs SUBSCRIBE and UNSUBSCRIBE with result null and asks for the change', () => {
    const sub = handleControlMessage('{"method":"SUBSCRIBE","params":["ethusdt@kline_4h"],"id":1}', ctx);
    expect(JSON.parse(sub.reply), 'exact ACK').toEqual({ result: null, id: 1 });
    expect(sub.action, 'subscribe action').toEqual({ kind: 'subscribe', streams: ['ethusdt@kline_4h'] });
    const unsub = handleControlMessage('{"method":"UNSUBSCRIBE","params":["btcusdt@kline_30m"],"id":312}', ctx);
    expect(unsub.reply, 'exact wire text').toBe('{"result":null,"id":312}');
    expect(unsub.action, 'unsubscribe action').toEqual({ kind: 'unsubscribe', streams: ['btcusdt@kline_30m'] });
  });

  it('lists subscriptions and gets/sets the combined property', () => {
    expect(reply({ method: 'LIST_SUBSCRIPTIONS', id: 3 }), 'current streams').toEqual({ result: ['btcusdt@kline_30m'], id: 3 });
    expect(reply({ method: 'GET_PROPERTY', params: ['combined'], id: 2 }), 'combined flag').toEqual({ result: true, id: 2 });
    const set = handleControlMessage('{"method":"SET_PROPERTY","params":["combined",false],"id":5}', ctx);
    expect([JSON.parse(set.reply), set.action], 'ACK and toggle').toEqual([{ result: null, id: 5 }, { kind: 'setCombined', combined: false }]);
  });

  it('answers the documented error bodies, wrapped in "error"', () => {
    expect(reply('ping'), 'non-JSON text').toEqual({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } });
    expect(reply({ method: 'SUBSCRIBE', params: [] }), 'missing id').toEqual({ error: { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' } });
    expect(reply({ method: 'SUBSCRIBE', params: [], id: 'a' }), 'string id').toEqual({ error: { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' } });
    expect(reply({ method: 'SUBSCRIBE', params: [], id: -1 }), 'negative id').toMatchObject({ error: { code: 2 } });
    expect(reply({ method: 'GET_PROPERTY', params: ['speed'], id: 7 }), 'unknown property').toEqual({ error: { code: 0, msg: 'Unknown property' }, id: 7 });
    expect(reply({ method: 'SET_PROPERTY', params: ['combined', 'yes'], id: 8 }), 'non-boolean value').toEqual({ error: { code: 1, msg: 'Invalid value type: expected Boolean' }, id: 8 });
    expect(reply({ method: 'SET_PROPERTY', params: [1, true], id: 9 }), 'non-string name').toEqual({ error: { code: 2, msg: 'Invalid request: property name must be a string' }, id: 9 });
    expect(reply({ method: 'SET_PROPERTY', params: ['combined', true, 1], id: 10 }), 'too many').toEqual({ error: { code: 2, msg: 'Invalid request: too many parameters' }, id: 10 });
  });

  it('reports a bad method and a missing method with serde positions', () => {
    const text = '{"method":"SUBSCRIBEX","id":1}';
    expect(reply(text), 'unknown variant, column after the value').toEqual({
      error: { code: 2, msg: 'Invalid request: unknown variant SUBSCRIBEX, expected one of SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY at line 1 column 23' },
    });
    expect(reply('{"params":[],"id":1}'), 'missing method').toEqual({ error: { code: 2, msg: 'Invalid request: missing field method at line 1 column 21' } });
  });

  it('refuses a SUBSCRIBE that would pass the stream cap and changes nothing', () => {
    const out = handleControlMessage('{"method":"SUBSCRIBE","params":["a@kline_1d","b@kline_1d","c@kline_1d"],"id":4}', ctx);
    expect(out.isError, 'four streams > cap of three').toBe(true);
    expect(out.action, 'no change').toEqual({ kind: 'none' });
    expect(JSON.parse(out.reply), 'error names the cap').toMatchObject({ error: { code: 2 }, id: 4 });
    const resubscribe = handleControlMessage('{"method":"SUBSCRIBE","params":["btcusdt@kline_30m","a@kline_1d","b@kline_1d"],"id":5}', ctx);
    expect(resubscribe.isError, 'a stream already held does not count twice').toBe(false);
  });
});
