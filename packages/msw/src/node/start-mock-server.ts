import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ROUTES } from '@lunos-image/core/internal';
import { getResponse } from 'msw';
import { z } from 'zod';
import { RequestTooLargeError } from '../errors/request-too-large-error';
import {
  createLunosMock,
  type LunosMock,
  type LunosMockOptions,
} from '../handlers/create-lunos-mock';
import type { MockRoute, MockScenario } from '../handlers/mock-types';
import { MOCK_ROUTES } from '../handlers/route-paths';
import { chunkingSchema } from '../replay/chunking-schema';
import { faultSchema } from '../replay/fault-schema';
import { timingSchema } from '../replay/timing-schema';
import { listen, readBody, refuseTooLarge } from './listen';
import { loadFixtureSet, shippedFixtureSet } from './load-fixture-set';
import { isLoopbackOrigin, refuseForeignRequest } from './local-request-guard';
import { writeResponse } from './write-response';

export interface MockServerOptions extends LunosMockOptions {
  /** Default 0: any free port (read it from `url`). */
  port?: number;
  /** Default `127.0.0.1`: never reachable from another machine unless asked. */
  host?: string;
  /** Load fixtures from this folder instead of the shipped set (ignored when `fixtures` is given). */
  fixturesDir?: string;
  /**
   * Web origins allowed to call the server besides loopback ones (`http://localhost:*`,
   * `http://127.0.0.1:*`), e.g. `['https://my-preview.example']`. Any other `Origin`, and any
   * `Host` that is not loopback (or `host`), is refused with 403.
   */
  allowedOrigins?: readonly string[];
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:4010`; Lunos clients use `${url}/v1`, OpenRouter clients `${url}/api/v1`. */
  readonly url: string;
  readonly port: number;
  readonly mock: LunosMock;
  close(): Promise<void>;
}

/** The body of `POST /__mock/scenario`. */
export const scenarioSchema = z.strictObject({
  fixture: z.string().optional(),
  faults: z.array(faultSchema).optional(),
  timing: timingSchema.optional(),
  chunking: chunkingSchema.optional(),
  lineEnding: z.enum(['as-recorded', 'lf', 'crlf', 'cr']).optional(),
  route: z.enum(MOCK_ROUTES as [MockRoute, ...MockRoute[]]).optional(),
  times: z.number().int().positive().optional(),
});

function cors(req: IncomingMessage): Record<string, string> {
  // Only reached for allowed origins (others are refused first): never a wildcard.
  return {
    ...(req.headers.origin ? { 'access-control-allow-origin': req.headers.origin } : {}),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-expose-headers': 'retry-after, x-generation-id',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...cors(req), 'content-type': 'application/json' });
  res.end(status === 204 ? undefined : JSON.stringify(body));
}

/**
 * A real HTTP server over the same msw handlers (through msw's public `getResponse`), for the
 * playground and for tests in any language. Control endpoints under `/__mock/`:
 * `GET calls`, `POST reset`, `POST scenario` (a {@link MockScenario} as JSON), `GET fixtures`,
 * `GET health`.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  // Loaded before listening, so a folder that cannot be used fails the start, naming it.
  const fixtures =
    options.fixtures ??
    (options.fixturesDir ? await loadFixtureSet(options.fixturesDir) : await shippedFixtureSet());
  const mock = createLunosMock({ ...options, fixtures });
  const set = fixtures || undefined;
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const allowed = new Set(options.allowedOrigins ?? []);
  const policy = {
    allowOrigin: (o: string) => allowed.has(o) || isLoopbackOrigin(o),
    extraHosts: host === '0.0.0.0' || host === '::' ? [] : [host],
  };

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'GET' && path === '/__mock/calls')
      return sendJson(req, res, 200, mock.calls);
    if (req.method === 'GET' && path === '/__mock/fixtures')
      return sendJson(req, res, 200, set?.ids() ?? []);
    if (req.method === 'GET' && path === '/__mock/health')
      return sendJson(req, res, 200, { ok: true });
    if (req.method === 'POST' && path === '/__mock/reset') {
      mock.reset();
      return sendJson(req, res, 204, undefined);
    }
    if (req.method === 'POST' && path === '/__mock/scenario') {
      let json: unknown;
      try {
        json = JSON.parse((await readBody(req)).toString('utf8'));
      } catch (error) {
        if (error instanceof RequestTooLargeError) throw error;
        return sendJson(req, res, 400, { error: { message: 'The scenario must be JSON' } });
      }
      const parsed = scenarioSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return sendJson(req, res, 400, {
          error: {
            message: `Invalid scenario: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
          },
        });
      }
      if (parsed.data.fixture && !set?.has(parsed.data.fixture)) {
        return sendJson(req, res, 400, {
          error: { message: `Unknown fixture "${parsed.data.fixture}"` },
        });
      }
      mock.next(parsed.data as MockScenario);
      return sendJson(req, res, 204, undefined);
    }
    return sendJson(req, res, 404, {
      error: { message: `No control endpoint ${req.method} ${path}` },
    });
  }

  const server = createServer(async (req, res) => {
    try {
      const refused = refuseForeignRequest(req, policy);
      if (refused) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 403, message: `Refused: ${refused}` } }));
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors(req));
        res.end();
        return;
      }
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith('/__mock/')) {
        await control(req, res, url.pathname);
        return;
      }
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished)
          controller.abort(new DOMException('The client went away.', 'AbortError'));
      });
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const request = new Request(url, {
        method: req.method,
        headers,
        body: body && body.byteLength > 0 ? new Uint8Array(body) : undefined,
        signal: controller.signal,
      });
      const response = await getResponse(mock.handlers, request, { baseUrl: origin });
      if (!response) {
        const base = options.baseURL ?? '…';
        const served = MOCK_ROUTES.map((r) => `${ROUTES[r].method} ${base}${ROUTES[r].path}`);
        sendJson(req, res, 404, {
          error: {
            code: 404,
            message: `Not found: ${req.method} ${url.pathname}. The mock serves ${served.join(', ')} (Lunos: /v1, OpenRouter: /api/v1).`,
          },
        });
        return;
      }
      await writeResponse(req, res, response, cors(req));
    } catch (error) {
      if (error instanceof RequestTooLargeError && !res.headersSent) {
        refuseTooLarge(req, res, error, cors(req));
      } else if (!res.headersSent) {
        sendJson(req, res, 500, {
          error: { code: 500, message: `Mock server failure: ${String(error)}` },
        });
      } else {
        res.destroy();
      }
    }
  });
  const bound = await listen(server, options.port ?? 0, host);
  origin = bound.url;
  return { url: bound.url, port: bound.port, mock, close: bound.close };
}
