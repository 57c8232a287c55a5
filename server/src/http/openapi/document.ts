/**
 * Generates the OpenAPI 3.1 document from the endpoint table (server/protocol/endpoints.ts) and the
 * zod schemas (./endpoint-schemas.ts, converted with `z.toJSONSchema`). Never written by hand.
 */
import { z } from 'zod';
import { ErrorStatus, type ErrorCode } from '../../../protocol/constants';
import {
  EndpointTags,
  Endpoints,
  type Endpoint,
  type EndpointName,
} from '../../../protocol/endpoints';
import { NamedSchemas, Schemas, paramSchema, type EndpointSchemas } from './endpoint-schemas';
import { INTRODUCTION, SOCKET_DESCRIPTION, socketExtension } from './prose';

type Json = Record<string, unknown>;
type Registry = ReturnType<typeof z.registry<{ id: string }>>;
type Io = 'input' | 'output';

const REF = '#/components/schemas/';

/** `/api/x/:id` → `/api/x/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** One zod schema alone as JSON Schema (parameters), refs to named DTOs not needed. */
function inline(schema: z.ZodType, io: Io): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

/** Responses may grow fields (the contract adds freely): no `additionalProperties: false` there. */
function openOutputs(ctx: { jsonSchema: Json }): void {
  if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
}

function convert(registry: Registry, io: Io): Record<string, Json> {
  const out = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `${REF}${id}`,
    ...(io === 'output' ? { override: openOutputs } : {}),
  }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(out.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out.schemas;
}

/** Registers `schema` under `id` unless it is registered already; answers its `$ref`. */
function register(registry: Registry, schema: z.ZodType, id: string): Json {
  const known = registry.get(schema);
  if (!known) registry.add(schema, { id });
  return { $ref: `${REF}${known?.id ?? id}` };
}

/** The refusals an endpoint may answer: its own plus those its inputs and access imply. */
function errorCodes(e: Endpoint, s: EndpointSchemas): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  const params = /:\w/.test(e.path);
  if (params || s.body || s.query) codes.add('validation_failed');
  if (e.access !== 'public') codes.add('unauthorized');
  if (e.access === 'staff' || e.access === 'window' || e.access === 'admin') codes.add('forbidden');
  if (params) codes.add('not_found');
  if (s.body) codes.add('payload_too_large');
  for (const c of e.errors ?? []) codes.add(c);
  if (e.method !== 'GET') codes.add('overloaded');
  return [...codes];
}

function errorResponses(codes: ErrorCode[]): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ErrorStatus[c], [...(byStatus.get(ErrorStatus[c]) ?? []), c]);
  const out: Json = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: list.map((c) => `\`${c}\``).join(', '),
      content: {
        'application/json': {
          schema: { $ref: `${REF}Error` },
          example: { error: { code: list[0], message: '…' } },
        },
      },
    };
  }
  return out;
}

function parameters(e: Endpoint, s: EndpointSchemas): Json[] {
  const out: Json[] = [];
  for (const [, name] of e.path.matchAll(/:(\w+)/g)) {
    const schema = inline(paramSchema(e.path, name!), 'input');
    out.push({ name, in: 'path', required: true, schema });
  }
  if (s.query) {
    const json = inline(s.query, 'input');
    const required = new Set((json.required as string[] | undefined) ?? []);
    const props = (json.properties ?? {}) as Record<string, Json>;
    for (const [name, schema] of Object.entries(props)) {
      out.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  for (const [name, description] of Object.entries(s.headers ?? {})) {
    out.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  return out;
}

function security(e: Endpoint): Json[] {
  if (e.access === 'public') return [];
  if (e.access === 'metrics') return [{ metricsToken: [] }];
  return [{ bearerToken: [] }, { sessionCookie: [] }];
}

const ACCESS_NOTE: Record<Endpoint['access'], string> = {
  public: 'Public.',
  staff: 'Staff of the office (any role).',
  window: 'Staff who work a window: roles `clerk` and `admin`.',
  admin: 'Role `admin`.',
  metrics: '`Authorization: Bearer $METRICS_TOKEN`.',
};

function operation(name: EndpointName, inputs: Registry, outputs: Registry): Json {
  const e: Endpoint = Endpoints[name];
  const s = Schemas[name];
  const status = String(e.status ?? 200);
  const produces = e.produces ?? 'application/json';
  const success: Json = { description: e.summary };
  if (status !== '204') {
    const schema = s.response
      ? register(outputs, s.response, `${pascal(name)}Response`)
      : { type: 'string', ...(produces === 'image/png' ? { format: 'binary' } : {}) };
    success.content = { [produces]: { schema } };
  }
  const op: Json = {
    operationId: name,
    tags: [e.tag],
    summary: e.summary,
    description: ACCESS_NOTE[e.access],
    parameters: parameters(e, s),
    security: security(e),
    responses: { [status]: success, ...errorResponses(errorCodes(e, s)) },
  };
  if (s.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: register(inputs, s.body, `${pascal(name)}Body`) } },
    };
  }
  return op;
}

/** The whole document. `version` is the package's. */
export function openApiDocument(version: string): Json {
  const inputs: Registry = z.registry<{ id: string }>();
  const outputs: Registry = z.registry<{ id: string }>();
  for (const [id, schema] of NamedSchemas) outputs.add(schema, { id });
  const paths: Record<string, Json> = {};
  for (const name of Object.keys(Endpoints) as EndpointName[]) {
    const e = Endpoints[name];
    const item = (paths[openApiPath(e.path)] ??= {});
    item[e.method.toLowerCase()] = operation(name, inputs, outputs);
  }
  const schemas = { ...convert(inputs, 'input') };
  for (const [id, schema] of Object.entries(convert(outputs, 'output'))) {
    if (schemas[id]) throw new Error(`schema ${id} is both a request and a response`);
    schemas[id] = schema;
  }
  schemas.Error = inline(
    z.object({
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
    }),
    'output',
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Navbat API', version, description: INTRODUCTION },
    servers: [{ url: '/' }],
    tags: [
      ...Object.entries(EndpointTags).map(([name, description]) => ({ name, description })),
      { name: 'socket.io', description: SOCKET_DESCRIPTION },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from POST /api/auth/login',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'navbat_session' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
      },
    },
    'x-socketio': socketExtension(),
  };
}
