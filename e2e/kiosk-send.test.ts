/** When the kiosk sends a citizen's tap again by itself (kiosk/src/kiosk-send.ts). */
import { ApiError, NETWORK_ERROR } from '../ui/api-client';
import { retryWait } from '../kiosk/src/kiosk-send';

describe("the kiosk's retries of one tap", () => {
  it('waits the Retry-After a node gives when it is overloaded or stopping', () => {
    const overloaded = new ApiError(503, 'overloaded', 'busy', { retryAfterSeconds: 2 });
    expect(retryWait(overloaded, 0)).toBe(2_000);
    const stopping = new ApiError(503, 'unavailable', 'the server is shutting down');
    expect(retryWait(stopping, 0)).toBe(1_000);
  });

  it("tries again after a balancer's own 502, 503 or 504 and a lost connection, later each time", () => {
    for (const status of [502, 503, 504]) {
      const gateway = new ApiError(status, `http_${status}`, 'Bad Gateway');
      expect([retryWait(gateway, 0), retryWait(gateway, 1)]).toEqual([600, 1_200]);
    }
    expect(retryWait(new ApiError(0, NETWORK_ERROR, 'failed to fetch'), 1)).toBe(1_200);
  });

  it('does not send again what a node refused for a reason', () => {
    for (const [status, code] of [
      [409, 'conflict'],
      [400, 'validation_failed'],
      [429, 'rate_limited'],
      [500, 'internal'],
      [500, 'http_500'],
    ] as const) {
      expect(retryWait(new ApiError(status, code, code), 0)).toBeUndefined();
    }
    expect(retryWait(new Error('not an answer'), 0)).toBeUndefined();
  });
});
