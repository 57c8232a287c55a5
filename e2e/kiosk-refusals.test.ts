/** What the kiosk says when the server refuses a ticket for a case (kiosk/src/kiosk-failure.ts). */
import { ApiError, NETWORK_ERROR } from '../ui/api-client';
import { translate } from '../ui/i18n';
import { failureOf } from '../kiosk/src/kiosk-failure';

const LANGUAGES = ['tg', 'ru', 'uz', 'en'] as const;

describe('a refused case ticket at the kiosk', () => {
  it('names the ticket the case already has, in each language, without "try again"', () => {
    const failure = failureOf(
      new ApiError(409, 'conflict', 'case KUL-2026-000001 already has ticket A006', {
        reason: 'case_has_ticket',
        number: 'A006',
      }),
    );
    expect([failure.message, failure.params, failure.retry]).toEqual([
      'kioskCaseHasTicket',
      { number: 'A006' },
      false,
    ]);
    for (const language of LANGUAGES) {
      expect(translate(language, failure.message, failure.params)).toContain('A006');
    }
  });

  it('says a closed case is closed, and a closed service is closed', () => {
    const closedCase = new ApiError(409, 'conflict', 'closed', {
      reason: 'case_closed',
      status: 'issued',
    });
    expect(failureOf(closedCase).message).toBe('kioskCaseClosed');
    const closedService = new ApiError(409, 'conflict', 'service birth is closed now', {
      reason: null,
    });
    expect(failureOf(closedService).message).toBe('kioskServiceClosedNow');
  });

  it('says nothing under a refusal whose words say it all, never the general "this already exists"', () => {
    // The whole banner: its one line and its button (no small line of the contract's words).
    const hasTicket = { reason: 'case_has_ticket', number: 'D006' };
    expect(failureOf(new ApiError(409, 'conflict', 'has ticket', hasTicket))).toEqual({
      message: 'kioskCaseHasTicket',
      params: { number: 'D006' },
      retry: false,
    });
    const closedCase = { reason: 'case_closed', status: 'issued' };
    expect(failureOf(new ApiError(409, 'conflict', 'closed', closedCase))).toEqual({
      message: 'kioskCaseClosed',
      retry: false,
    });
    expect(failureOf(new ApiError(409, 'conflict', 'closed now', { reason: null }))).toEqual({
      message: 'kioskServiceClosedNow',
      retry: false,
    });
  });

  it('keeps the small line of why under a general refusal and a lost connection', () => {
    const internal = failureOf(new ApiError(500, 'internal', 'boom'));
    expect([internal.message, internal.detail?.key, internal.retry]).toEqual([
      'issueFailed',
      'errorInternal',
      false,
    ]);
    // A node too busy (or stopping) said so: not "no connection"; the same tap may go again.
    const busy = failureOf(new ApiError(503, 'overloaded', 'office kulob is behind'));
    expect([busy.message, busy.retry]).toEqual(['kioskBusy', true]);
    for (const language of LANGUAGES) {
      expect(translate(language, busy.message)).not.toBe(translate(language, 'kioskNetworkFailed'));
    }
    const lost = failureOf(new ApiError(0, NETWORK_ERROR, 'offline'));
    expect([lost.message, lost.detail?.key, lost.retry]).toEqual([
      'kioskNetworkFailed',
      'errorNetwork',
      true,
    ]);
  });
});
