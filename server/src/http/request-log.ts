/**
 * The request log: one line per finished request (never for the health check the balancer polls):
 * its method, URL with pairing secrets hidden, the client's address as the limits count it, status
 * and time. A request line, not its headers: those carry session tokens, cookies and device tokens.
 * Failures are logged where they are answered (errors.ts); this line is `info`, so a node running
 * at `warn` or above pays nothing for it: no listener, no clock read, no object per request.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const HEALTH = '/api/health';

/** A URL as it may be logged: the value of a `device` or `token` parameter (a pairing link) hidden. */
export function redactSecrets(url: string): string {
  return url.replace(/([?&](?:device|token)=)[^&#]*/gi, '$1[redacted]');
}

export function requestLog(logger: Logger): RequestHandler {
  let nextId = 0;
  return (req, res, next) => {
    if (req.url === HEALTH || !logger.isLevelEnabled('info')) {
      next();
      return;
    }
    const id = ++nextId;
    const started = process.hrtime.bigint();
    const line = (msg: string) => {
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          req: {
            id,
            method: req.method,
            url: redactSecrets(req.originalUrl),
            // Behind a proxy TRUST_PROXY trusts, the address the proxy saw, not the proxy's own.
            remoteAddress: req.ip ?? req.socket.remoteAddress,
          },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(responseTime * 10) / 10,
        },
        msg,
      );
    };
    res.once('finish', () => line('request completed'));
    res.once('close', () => {
      if (!res.writableFinished) line('request aborted');
    });
    next();
  };
}
