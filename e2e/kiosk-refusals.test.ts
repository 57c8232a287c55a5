/** What the kiosk says when the server refuses a ticket for a case (kiosk/src/kiosk-failure.ts). */
import { ApiError } from '../ui/api-client';
import { translate } from '../ui/i18n';
import { failureOf } from '../kiosk/src/kiosk-failure';

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
    for (const language of ['tg', 'ru', 'uz', 'en'] as const) {
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
});
