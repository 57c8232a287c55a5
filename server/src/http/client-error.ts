/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over its 16 KB limit, a
 * malformed request line) get the contract's error body and `nosniff` like every other answer,
 * instead of Node's bare status line: 431 for headers over the limit, else 400.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';

export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A peer that went away, or a socket in the middle of an answer: nothing to say to it.
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, error } = refusal(err.code);
    const body = JSON.stringify({ error });
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

/** What Node's parser stopped, in the contract's words (Node itself would answer 431, 408 or 400). */
function refusal(code: string | undefined): {
  status: number;
  error: { code: string; message: string };
} {
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      error: { code: 'payload_too_large', message: 'the request headers are over 16 KB' },
    };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      error: { code: 'validation_failed', message: 'the request did not arrive in time' },
    };
  return {
    status: 400,
    error: { code: 'validation_failed', message: 'the request is not valid HTTP' },
  };
}
