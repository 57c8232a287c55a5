import {
  maskPhone,
  renderTemplate,
  splitSms,
  DEFAULT_TEMPLATES,
  TEMPLATE_PLACEHOLDERS,
} from '../../protocol';
import { isStopWord, quietHoursEnd, retryDelayMs } from './rules';

describe('splitSms', () => {
  it('keeps a GSM text of 160 characters in one part and splits 161 into 153 + 8', () => {
    expect(splitSms('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', parts: ['a'.repeat(160)] });
    const split = splitSms('a'.repeat(161));
    expect(split.parts.map((p) => p.length)).toEqual([153, 8]);
  });

  it('counts GSM extension characters twice and never cuts one in half', () => {
    const split = splitSms('€'.repeat(80));
    expect(split.units).toBe(160);
    expect(split.parts).toHaveLength(1);
    expect(splitSms('€'.repeat(81)).parts.map((p) => p.length)).toEqual([76, 5]);
  });

  it('sends Cyrillic and Tajik as UCS-2: 70 in one part, then 67 per part', () => {
    expect(splitSms('ҷ'.repeat(70))).toMatchObject({ encoding: 'ucs2', parts: ['ҷ'.repeat(70)] });
    expect(splitSms('ҷ'.repeat(71)).parts.map((p) => p.length)).toEqual([67, 4]);
    expect(splitSms('Шаҳодатномаи шумо омода аст').encoding).toBe('ucs2');
  });

  it('does not split a surrogate pair', () => {
    const text = 'ж'.repeat(66) + '😀' + 'ж'.repeat(10);
    const split = splitSms(text);
    expect(split.parts[0]).toBe('ж'.repeat(66));
    expect(split.parts.join('')).toBe(text);
  });
});

describe('templates', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(
      renderTemplate(DEFAULT_TEMPLATES.ticket_called.tg, { ticket: 'A014', window: '3' }),
    ).toBe('A014 — ба равзанаи 3 гузаред');
    expect(renderTemplate('{ticket} {nope}', { ticket: 'B2' })).toBe('B2 {nope}');
  });

  it('writes the defaults in all four languages with no placeholder beyond the allowed ones', () => {
    for (const byLanguage of Object.values(DEFAULT_TEMPLATES)) {
      for (const text of Object.values(byLanguage)) {
        for (const m of text.matchAll(/\{([a-z]+)\}/g))
          expect(TEMPLATE_PLACEHOLDERS).toContain(m[1]);
      }
    }
  });

  it('masks a number but for its last 3 digits', () => {
    expect(maskPhone('+992901234567')).toBe('+•••••••••567');
  });
});

describe('quiet hours', () => {
  const tz = 'Asia/Dushanbe';
  const quiet = { from: '21:00', until: '08:00' };

  it('ends at 08:00 the next morning when it is 22:30 in Dushanbe', () => {
    // 22:30 Dushanbe = 17:30 UTC
    expect(quietHoursEnd(new Date('2026-12-03T17:30:00Z'), tz, quiet)?.toISOString()).toBe(
      '2026-12-04T03:00:00.000Z',
    );
  });

  it('ends at 08:00 the same day when it is 06:00', () => {
    expect(quietHoursEnd(new Date('2026-12-03T01:00:00Z'), tz, quiet)?.toISOString()).toBe(
      '2026-12-03T03:00:00.000Z',
    );
  });

  it('is not in force at noon, nor when it starts and ends at the same time', () => {
    expect(quietHoursEnd(new Date('2026-12-03T07:00:00Z'), tz, quiet)).toBeNull();
    expect(
      quietHoursEnd(new Date('2026-12-03T17:30:00Z'), tz, { from: '00:00', until: '00:00' }),
    ).toBeNull();
  });
});

describe('replies and retries', () => {
  it('knows STOP in the citizens’ languages', () => {
    for (const word of ['STOP', 'stop', ' Стоп ', 'бас', '/stop', "To'xta"])
      expect(isStopWord(word)).toBe(true);
    expect(isStopWord('stop sending at night please')).toBe(false);
  });

  it('backs off 2 s, 4 s, 8 s … up to 5 minutes', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([2000, 4000, 8000]);
    expect(retryDelayMs(20)).toBe(300_000);
  });
});
