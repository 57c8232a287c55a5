/**
 * The office's message wording through the admin API: a template takes the placeholders the server
 * fills in, and a name it never fills in is refused before anything is stored (else "{evil}" would
 * reach citizens as it was typed).
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

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

    for (const text of ['{ticket}: {evil}', '{ticket} {window} {Window} {x}{x}']) {
      const refused = await put(text);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(refused.body.error)).toMatch(/unknown placeholder \{(evil|Window)\}/);
    }
    // Nothing of the refused ones was stored.
    expect(await called('ru')).toBe('{ticket}: окно {window}. {link}');
  });
});
