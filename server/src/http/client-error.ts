/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over its 16 KB limit, a
 * malformed request line) get the contract's error body and `nosniff` like every other answer,
 * instead of Node's bare status line: 431 for headers over the limit, else 400.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';

export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A peer that went away, or a socket already answering: nothing to say to it.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'payload_too_large', message: 'the request headers are over 16 KB' }
        : { code: 'validation_failed', message: 'the request is not valid HTTP' },
    });
    socket.end(
      [
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
