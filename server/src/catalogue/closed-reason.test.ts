/** A closed service's reason in the reader's language, Tajik as the fallback; old plain text still reads. */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { closedReasonFor, readClosedReason } from '../../protocol/closed-reason';
import type { Service } from '../../protocol';

describe('closed reasons per language', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server.url, 'admin');
  });

  afterAll(() => server?.close());

  async function service(code: string): Promise<Service> {
    const res = await request<Service[]>(server.url, 'GET', '/api/offices/kulob/services');
    return res.body.find((s) => s.code === code)!;
  }

  it("keeps the reason in each language written and gives the kiosk the reader's one", async () => {
    const res = await request(server.url, 'PATCH', '/api/offices/kulob/services/death', {
      token: admin,
      body: { open: false, closedReasons: { tg: 'Таъмир', ru: 'Ремонт', en: ' ' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.service?.closedReason ?? res.body.closedReason).toBe('Таъмир');
    const death = await service('death');
    expect(death).toMatchObject({ open: false, closedReason: 'Таъмир' });
    expect(death.closedReasons).toEqual({ tg: 'Таъмир', ru: 'Ремонт' });
    expect(closedReasonFor(death, 'ru')).toBe('Ремонт');
    expect(closedReasonFor(death, 'en')).toBe('Таъмир');
  });

  it('reads a reason stored as plain text (older data) as Tajik', async () => {
    const res = await request(server.url, 'PATCH', '/api/offices/kulob/services/divorce', {
      token: admin,
      body: { open: false, closedReason: 'Корманд дар рухсатӣ' },
    });
    expect(res.status).toBe(200);
    const divorce = await service('divorce');
    expect(divorce.closedReasons).toEqual({ tg: 'Корманд дар рухсатӣ' });
    expect(closedReasonFor(divorce, 'uz')).toBe('Корманд дар рухсатӣ');
    expect(readClosedReason('{not json')).toEqual({
      text: '{not json',
      byLanguage: { tg: '{not json' },
    });
    expect(readClosedReason(null)).toBeUndefined();
  });
});
