/**
 * The office's message wording through the admin API: a template takes the placeholders the server
 * fills in, and a name it never fills in is refused before anything is stored (else "{evil}" would
 * reach citizens as it was typed).
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { DEFAULT_TEMPLATES, TemplateKeys, templateProblem } from '../../protocol';

it('ships default wordings that use only what each template is given', () => {
  for (const key of TemplateKeys) {
    for (const [language, text] of Object.entries(DEFAULT_TEMPLATES[key])) {
      expect({ key, language, problem: templateProblem(key, text) }).toEqual({
        key,
        language,
        problem: undefined,
      });
    }
  }
});

const TEMPLATES = '/api/offices/kulob/message-templates';

describe.each(testDialects())('message templates on %s', (dialect) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    admin = await login(s.url, 'admin');
  });
  afterAll(() => s.close());

  const called = async (language: string) => {
    const res = await request(s.url, 'GET', TEMPLATES, { token: admin });
    const rows = res.body.templates as Array<{ key: string; language: string; text: string }>;
    return rows.find((t) => t.key === 'ticket_called' && t.language === language)?.text;
  };

  it('stores a wording with known placeholders and refuses one with a name it never fills in', async () => {
    const put = (text: string) =>
      request(s.url, 'PUT', `${TEMPLATES}/ticket_called/ru`, { token: admin, body: { text } });
    const saved = await put('{ticket}: окно {window}. {link}');
    expect(saved.status).toBe(200);
    expect(await called('ru')).toBe('{ticket}: окно {window}. {link}');

    const refusals: Array<[string, RegExp]> = [
      ['{ticket}: {evil}', /\{evil\} is not filled in for ticket_called/],
      [
        '{ticket} {window} {Window} {x}{x}',
        /\{Window\}, \{x\} is not filled in for ticket_called; it takes \{ticket\}, \{window\}, \{link\}, \{office\}/,
      ],
      // Filled in for other templates, never for a call.
      ['{ticket} {case} {code}', /\{case\}, \{code\} is not filled in/],
      ['{ ticket } окно {window}', /\{ ticket \} is not filled in/],
      ['{{ticket}} окно {window}', /brace outside a placeholder/],
      ['{ticket} окно {window', /brace outside a placeholder/],
      ['{ticket}{} окно', /\{\} is not filled in/],
    ];
    for (const [text, reason] of refusals) {
      const refused = await put(text);
      expect({ text, status: refused.status }).toEqual({ text, status: 400 });
      expect(refused.body.error.code).toBe('validation_failed');
      expect(refused.body.error.message).toMatch(reason);
      expect(refused.body.error.details.issues[0].field).toBe('text');
    }
    // Nothing of the refused ones was stored.
    expect(await called('ru')).toBe('{ticket}: окно {window}. {link}');
  });

  it('fills {office} with the office’s name in the message’s language, not its code', async () => {
    for (const [language, text] of [
      ['tg', 'Чиптаи {ticket} дар {office}'],
      ['ru', 'Талон {ticket} в {office}'],
    ]) {
      const put = await request(s.url, 'PUT', `${TEMPLATES}/ticket_issued/${language}`, {
        token: admin,
        body: { text },
      });
      expect(put.status).toBe(200);
    }
    const office = (await request(s.url, 'GET', '/api/offices/kulob')).body.office;
    for (const language of ['tg', 'ru'] as const) {
      const issued = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'birth', phone: `+99290700000${language === 'tg' ? 1 : 2}`, language },
      });
      expect(issued.status).toBe(201);
      const [rows] = await s.db.sequelize.query('SELECT text FROM messages WHERE ticket_id = :id', {
        replacements: { id: issued.body.ticket.id },
      });
      const number = issued.body.ticket.number as string;
      const word = language === 'tg' ? `Чиптаи ${number} дар` : `Талон ${number} в`;
      expect((rows as Array<{ text: string }>).map((r) => r.text)).toEqual([
        `${word} ${office.names[language]}`,
      ]);
    }
    // The admin's test message names it too.
    const test = await request(s.url, 'POST', '/api/offices/kulob/messages/test', {
      token: admin,
      body: { phone: '+992907000003', language: 'ru' },
    });
    expect(test.status).toBe(201);
    expect(test.body.message.text).toContain(office.names.ru);
    expect(test.body.message.text).not.toMatch(/\bkulob\b/);
  });
});

describe.each(testDialects())('message totals on %s', (dialect) => {
  let s: TestServer;
  let clock = new Date('2026-11-25T18:30:00Z'); // 23:30 in Dushanbe (UTC+5)

  beforeAll(async () => {
    s = await startTestServer({ database: dialect, now: () => clock });
  });
  afterAll(() => s.close());

  it('counts each message in its office day, cut at midnight on the office clock', async () => {
    const admin = await login(s.url, 'admin');
    const send = async (at: string, phone: string) => {
      clock = new Date(at);
      const res = await request(s.url, 'POST', '/api/offices/kulob/messages/test', {
        token: admin,
        body: { phone, language: 'tg' },
      });
      expect(res.status).toBe(201);
    };
    await send('2026-11-25T18:30:00Z', '+992907000011'); // 23:30 on the 25th
    await send('2026-11-25T18:59:59Z', '+992907000012'); // 23:59:59 on the 25th
    await send('2026-11-25T19:00:00Z', '+992907000013'); // 00:00 on the 26th (still the 25th in UTC)
    await send('2026-11-25T19:45:00Z', '+992907000014'); // 00:45 on the 26th
    const res = await request(s.url, 'GET', '/api/offices/kulob/messages/totals?days=3', {
      token: admin,
    });
    expect(res.status).toBe(200);
    const perDay = new Map<string, number>();
    for (const t of res.body.totals as Array<{ day: string; count: number }>)
      perDay.set(t.day, (perDay.get(t.day) ?? 0) + t.count);
    expect(Object.fromEntries(perDay)).toEqual({ '2026-11-25': 2, '2026-11-26': 2 });
  });
});

describe.each(testDialects())('message settings on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
  });
  afterAll(() => s.close());

  it('sends citizens only to a window the office has, and stores nothing else', async () => {
    const admin = await login(s.url, 'admin');
    const path = '/api/offices/kulob/message-settings';
    const before = (await request(s.url, 'GET', path, { token: admin })).body.settings;
    // Until one is chosen: the first window that serves pickup (window 1 calls no pickup ticket).
    expect(before.pickupWindow).toBe('5');
    for (const pickupWindow of ['99', 'abc', '0']) {
      const res = await request(s.url, 'PUT', path, {
        token: admin,
        body: { ...before, pickupWindow, quietFrom: '22:00' },
      });
      expect([pickupWindow, res.status]).toEqual([pickupWindow, 400]);
      expect(res.body.error.details.issues[0]).toMatchObject({
        field: 'pickupWindow',
        reason: 'unknown_window',
      });
    }
    expect((await request(s.url, 'GET', path, { token: admin })).body.settings).toEqual(before);
    const ok = await request(s.url, 'PUT', path, {
      token: admin,
      body: { ...before, pickupWindow: '6' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.pickupWindow).toBe('6');
  });
});
