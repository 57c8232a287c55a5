/**
 * The generated API reference: every route the app mounts is in /api/openapi.json and every
 * documented operation is mounted; the document is well formed (path parameters declared, refs
 * resolve, responses named); what it says of access holds; the reference page and its assets load.
 */
import { startTestServer, testDialects, type TestServer } from '../../testing/harness';
import { request } from '../../testing/client';
import { routeTable } from '../../security/route-table';
import { Endpoints } from '../../../protocol/endpoints';

// Pages and redirects of the web apps: not part of the API.
const PAGES = new Set([
  'GET /',
  'GET /admin',
  'GET /admin/',
  'GET /kiosk',
  'GET /display',
  'GET /counter',
  'GET /t/:id',
]);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document

let server: TestServer;
let doc: Json;

beforeAll(async () => {
  server = await startTestServer();
  const res = await request<Json>(server.url, 'GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toMatch(/public/);
  doc = res.body;
});
afterAll(async () => server.close());

function operations(): Array<{ key: string; path: string; method: string; op: Json }> {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const express = path.replace(/\{(\w+)\}/g, ':$1');
      out.push({ key: `${method.toUpperCase()} ${express}`, path, method, op: op as Json });
    }
  }
  return out;
}

it('documents every mounted route, and mounts every documented one', () => {
  const mounted = routeTable(server.app.http)
    .map((r) => `${r.method} ${r.path}`)
    .filter((key) => !PAGES.has(key));
  const documented = operations().map((o) => o.key);
  expect(mounted.length).toBeGreaterThan(60);
  expect([...new Set(mounted)].sort()).toEqual([...documented].sort());
  expect(documented).toEqual(expect.arrayContaining(['POST /api/offices/:office/tickets']));
});

it('is OpenAPI 3.1 with unique operation ids, declared path parameters and named responses', () => {
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
  const ids = operations().map((o) => o.op.operationId as string);
  expect(new Set(ids).size).toBe(ids.length);
  for (const { key, path, op } of operations()) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const declared = (op.parameters as Json[])
      .filter((p) => p.in === 'path')
      .map((p) => {
        expect([key, p.name, p.required]).toEqual([key, p.name, true]);
        return p.name as string;
      })
      .sort();
    expect([key, declared]).toEqual([key, inPath]);
    const statuses = Object.keys(op.responses as Json);
    expect([key, statuses.some((s) => /^2\d\d$/.test(s))]).toEqual([key, true]);
    for (const s of statuses) expect([key, s, op.responses[s].description]).not.toContain('');
    expect(op.summary).toEqual(expect.any(String));
  }
});

it('resolves every $ref and names the contract error shape on each refusal', () => {
  const text = JSON.stringify(doc);
  const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(50);
  for (const ref of new Set(refs))
    expect([ref, ref in doc.components.schemas]).toEqual([ref, true]);
  expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
  for (const { key, op } of operations()) {
    for (const [status, response] of Object.entries(op.responses as Json)) {
      if (Number(status) < 400) continue;
      expect([key, status, response.content['application/json'].schema]).toEqual([
        key,
        status,
        { $ref: '#/components/schemas/Error' },
      ]);
    }
  }
});

it('names the auth schemes, the Socket.IO events and the error codes', () => {
  expect(Object.keys(doc.components.securitySchemes)).toEqual(
    expect.arrayContaining(['bearerToken', 'sessionCookie']),
  );
  expect(Object.keys(doc['x-socketio'].serverToClient)).toEqual(
    expect.arrayContaining(['queue:snapshot', 'ticket:called', 'counter:updated']),
  );
  expect(doc.info.description).toContain('`counter_taken` | 409');
  const login = doc.paths['/api/auth/login'].post;
  expect(login.security).toEqual([]);
  expect(login.requestBody.content['application/json'].schema.$ref).toMatch(/LoginBody$/);
  expect(doc.components.schemas.LoginBody.required).toEqual(['username', 'password']);
});

it.each(testDialects())(
  'says the truth about access on %s: public answers without a session, others 401',
  async (dialect) => {
    const s = dialect === 'sqlite' ? server : await startTestServer({ database: dialect });
    const fill = (path: string) =>
      path
        .replace(':office', 'kulob')
        .replace(':counter', '1')
        .replace(':id', '00000000-0000-4000-8000-000000000000')
        .replace(':action', 'recall')
        .replace(':number', 'KUL-2026-000001')
        .replace(':username', 'clerk1')
        .replace(':service', 'birth')
        .replace(':code', 'K1')
        .replace(':key', 'called')
        .replace(':language', 'tg')
        .replace(':index', '0');
    for (const e of Object.values(Endpoints)) {
      if (e.access === 'metrics') continue;
      const res = await fetch(s.url + fill(e.path), {
        method: e.method,
        headers: { 'content-type': 'application/json' },
        body: e.method === 'GET' ? undefined : '{}',
      });
      const refused = res.status === 401;
      expect(`${e.method} ${e.path} ${e.access}: ${refused}`).toBe(
        `${e.method} ${e.path} ${e.access}: ${e.access !== 'public'}`,
      );
    }
    if (s !== server) await s.close();
  },
);

it('serves the reference page and only the assets it loads, under the page policy', async () => {
  const page = await fetch(`${server.url}/api/docs`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  expect(assets).toEqual(expect.arrayContaining(['/api/docs/swagger-ui-bundle.js']));
  for (const a of assets) expect([a, (await fetch(server.url + a)).status]).toEqual([a, 200]);
  expect((await fetch(`${server.url}/api/docs/index.html`)).status).toBe(404);
  expect((await fetch(`${server.url}/api/docs/package.json`)).status).toBe(404);
});
