/**
 * What this node's message gateways did with its last submits: whether each is taking messages,
 * since when, the last one it took and the last error. The admin's Messages tab shows it and
 * `/metrics` exports it (`navbat_message_gateway_up`, `navbat_message_attempts_total`), so an
 * operator hears of a dead SMSC before the citizens notice. Per node: each node has its own link.
 */
import { maskPhonesIn, type GatewayHealthDto, type GatewayOutcome } from '../../protocol';
import type { Channel } from './channel';

export type { GatewayOutcome };

/** Outcomes that say the gateway did not take the message: it is down until one gets through. */
const DOWN: ReadonlySet<GatewayOutcome> = new Set(['unreachable', 'in_doubt']);

interface State {
  up: boolean;
  since: Date;
  lastSentAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  attempts: Record<GatewayOutcome, number>;
}

export class GatewayHealth {
  private readonly states = new Map<Channel['name'], State>();

  /**
   * One submit's outcome: `sent`; `refused` (the gateway answered no for this message, e.g. a bad
   * number: it is still up); `unreachable` (no answer, a cut link, a 5xx or 429); `in_doubt`
   * (written, never answered).
   */
  record(gateway: Channel['name'], outcome: GatewayOutcome, at: Date, error?: string): void {
    const up = !DOWN.has(outcome);
    let state = this.states.get(gateway);
    if (!state) {
      state = {
        up,
        since: at,
        lastSentAt: null,
        lastError: null,
        lastErrorAt: null,
        attempts: { sent: 0, refused: 0, unreachable: 0, in_doubt: 0 },
      };
      this.states.set(gateway, state);
    }
    if (state.up !== up) {
      state.up = up;
      state.since = at;
    }
    state.attempts[outcome] += 1;
    if (outcome === 'sent') state.lastSentAt = at;
    if (error !== undefined) {
      state.lastError = maskPhonesIn(error).slice(0, 300);
      state.lastErrorAt = at;
    }
  }

  /** The gateways this node has submitted to since it started, by name. */
  list(): GatewayHealthDto[] {
    return [...this.states].map(([gateway, s]) => ({
      gateway,
      up: s.up,
      since: s.since.toISOString(),
      lastSentAt: s.lastSentAt?.toISOString() ?? null,
      lastError: s.lastError,
      lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
      attempts: { ...s.attempts },
    }));
  }
}
