import { Observable } from 'rxjs';
import WebSocket from 'ws';
import { TransientError } from '../../domain/errors.js';

/** What a live socket reports: it opened (and can now send), or one message arrived. */
export type SocketSignal =
  | { readonly type: 'open'; readonly send: (text: string) => void }
  | { readonly type: 'text'; readonly data: string }
  | { readonly type: 'binary' };

const BINARY: SocketSignal = { type: 'binary' };

/**
 * Default factory: `ws` answers the server's ping frames by itself (autoPong). UTF-8 is not
 * validated by `ws`: a text frame with invalid bytes would otherwise close the whole shard (1007)
 * and cost a reconnect and a backfill; decoded with replacement characters instead, it fails the
 * frame parser and is dropped and counted as a bad frame while the shard goes on. Valid frames
 * decode the same either way, and skipping the check saves a pass over every frame.
 */
export function defaultCreateSocket(url: string): WebSocket {
  return new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
}

/**
 * One WebSocket connection as an Observable. Any close or error is a {@link TransientError}
 * (the caller reconnects); unsubscribing closes the socket, so whoever subscribes owns it.
 */
export function openSocket(url: string, createSocket: (url: string) => WebSocket = defaultCreateSocket): Observable<SocketSignal> {
  return new Observable<SocketSignal>((subscriber) => {
    const socket = createSocket(url);
    const send = (text: string): void => socket.send(text);
    socket.on('open', () => subscriber.next({ type: 'open', send }));
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      subscriber.next(isBinary ? BINARY : { type: 'text', data: data.toString() });
    });
    socket.on('error', (err: Error) => subscriber.error(new TransientError('socket error', { cause: err })));
    socket.on('close', (code: number) => subscriber.error(new TransientError(`socket closed (${code})`)));
    return () => {
      socket.removeAllListeners();
      // A handshake aborted by close() still emits 'error'; keep a listener so it is not thrown.
      socket.on('error', () => undefined);
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
    };
  });
}
