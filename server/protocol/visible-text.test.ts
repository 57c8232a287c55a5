/** Names that draw nothing are refused: a kiosk tile or a window without a readable name. */
import { CreateService, CreateUser, PutCounter } from './index';
import { hasVisibleText } from './visible-text';

const INVISIBLE = {
  'zero-width space': '\u200b',
  'soft hyphen': '\u00ad',
  'direction marks': '\u200e\u200f',
  'no-break and ideographic spaces': '\u00a0\u3000',
  'word joiner and BOM': '\u2060\ufeff',
  'Hangul filler': '\u3164',
  'blank Braille cell': '\u2800',
  'a combining accent alone': '\u0301',
  'tab and newline': '\t\n',
};

describe('visible text', () => {
  it.each(Object.entries(INVISIBLE))('finds nothing to read in %s', (_what, text) => {
    expect(hasVisibleText(text)).toBe(false);
    expect(hasVisibleText(` ${text} `)).toBe(false);
  });

  it('reads names in every language of the office, with their marks and joiners', () => {
    for (const name of [
      'Ҷ',
      'Қайди таваллуд',
      'Регистрация рождения',
      'Tug‘ilishni qayd etish',
      'Birth',
      '7',
      'й',
      'е\u0301',
      'ZAGS\u200b2',
    ]) {
      expect(hasVisibleText(name)).toBe(true);
    }
  });

  it('refuses an invisible service, clerk or window name with the reason, and keeps empty window names', () => {
    const names = { tg: 'Маслиҳат', ru: 'Консультация', uz: 'Maslahat', en: 'Consultation' };
    const service = CreateService.safeParse({
      code: 'consult',
      prefix: 'K',
      names: { ...names, tg: '\u200b' },
    });
    expect(service.success).toBe(false);
    expect(service.error?.issues[0]).toMatchObject({
      path: ['names', 'tg'],
      message: expect.stringContaining('nothing a reader can see'),
    });
    expect(CreateService.safeParse({ code: 'consult', prefix: 'K', names }).success).toBe(true);
    const user = CreateUser.safeParse({
      username: 'clerk9',
      password: 'first-pass',
      role: 'clerk',
      name: '\u00ad',
    });
    expect(user.success).toBe(false);
    expect(PutCounter.safeParse({ services: [], name: '\u200e\u200f' }).success).toBe(false);
    expect(PutCounter.safeParse({ services: [], name: '' }).success).toBe(true);
    expect(PutCounter.safeParse({ services: [], name: 'Тиреза 3' }).success).toBe(true);
  });
});
