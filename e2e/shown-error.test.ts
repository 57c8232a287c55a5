/** What a page says of a refusal (ui/errors.ts): the field, and its limit when it was too long. */
import { ApiError } from '../ui/api';
import { toShownError } from '../ui/errors';
import { translate } from '../ui/i18n';

describe('a refusal as a page shows it', () => {
  it('names the field and its limit when a text was too long', () => {
    // The details as the server sends them (server/src/http/errors.ts; staff.test.ts checks it).
    const refused = new ApiError(400, 'validation_failed', 'name: Too big', {
      issues: [{ field: 'name', message: 'Too big', maxLength: 200 }],
    });
    const shown = toShownError(refused);
    expect(shown).toMatchObject({
      key: 'errorFieldTooLong',
      params: { field: 'name', max: '200' },
    });
    expect(translate('ru', shown.key, shown.params)).toBe(
      'Поле «name» слишком длинное: не больше 200 знаков.',
    );
  });

  it('says where a ticket was sent when another window calls it', () => {
    const refused = new ApiError(409, 'conflict', 'ticket F001 was sent to window 4', {
      reason: 'sent_to_window',
      counter: '4',
    });
    const shown = toShownError(refused);
    expect(shown).toMatchObject({ key: 'errorSentToWindow', params: { window: '4' } });
    // It said "This already exists" (a tester's find).
    expect(translate('tg', shown.key, shown.params)).toContain('равзанаи 4');
  });

  it('names only the field for any other refusal of it', () => {
    const refused = new ApiError(400, 'validation_failed', 'code: Invalid', {
      issues: [{ field: 'code', message: 'Invalid' }],
    });
    expect(toShownError(refused)).toMatchObject({
      key: 'errorValidationFailedField',
      params: { field: 'code' },
    });
  });
});
