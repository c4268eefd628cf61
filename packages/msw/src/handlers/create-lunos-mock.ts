import {
  canonicalModelId,
  type ImageModel,
  LunosImageError,
  normalizeModels,
} from '@lunos-image/core';
import { type HttpHandler, http } from 'msw';
import { apiErrorAnswer } from '../catalogue/api-error-answer';
import { MOCK_MODELS } from '../catalogue/mock-models';
import { toLunosModel } from '../catalogue/to-lunos-model';
import { toOpenRouterModel } from '../catalogue/to-open-router-model';
import { MockOptionsError } from '../errors/mock-options-error';
import type { Fixture, FixtureDialect } from '../fixture/fixture-schema';
import type { FixtureSet } from '../fixture/fixture-set';
import { shippedFixtureSet } from '../node/load-fixture-set';
import { hasNodeBuiltins } from '../node/node-builtins';
import type { Chunking } from '../replay/chunking-schema';
import type { Clock } from '../replay/clock';
import type { Fault } from '../replay/fault-schema';
import { parseChunkingSpec } from '../replay/parse-chunking-spec';
import { parseFaultSpec } from '../replay/parse-fault-spec';
import { parseTimingSpec } from '../replay/parse-timing-spec';
import { type LineEnding, replay } from '../replay/replay';
import type { Timing } from '../replay/timing-schema';
import { chatRequestFacts, checkChatRequest } from './check-chat-request';
import { filterModels } from './filter-models';
import { matchFixture } from './match-fixture';
import { synthesizeChatAnswer } from './synthesize-chat-answer';

export type MockRoute = 'chat' | 'models';

/** What to do with the next request(s): a fixture to answer with, faults, timing, chunking. */
export interface MockScenario {
  /** Answer with this fixture, whatever the request says. */
  fixture?: string;
  faults?: readonly Fault[];
  timing?: Timing;
  chunking?: Chunking;
  lineEnding?: LineEnding;
  /** Which endpoint it applies to; default `chat`. */
  route?: MockRoute;
  /** How many requests it applies to; default 1. */
  times?: number;
}

export interface MockCall {
  /** 1, 2, 3... in arrival order. */
  seq: number;
  route: MockRoute;
  method: string;
  url: string;
  dialect: FixtureDialect;
  /** Lower-case names; credentials shown as `Bearer <redacted>`. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined for GET or an unparsable body). */
  body: unknown;
  /** How it was answered. */
  answer: {
    kind: 'fixture' | 'synthesized' | 'invalid' | 'unauthorized' | 'unmatched' | 'models';
    fixtureId?: string;
    status: number;
  };
  faults: readonly Fault[];
}

export interface LunosMockOptions {
  /**
   * Fixtures to replay. Default: the set shipped in the package (read from its `fixtures/`
   * folder on the first request; Node only). `false`: none, so every valid request gets a
   * synthesized answer. Either way a valid request no fixture matches is synthesized.
   */
  fixtures?: FixtureSet | false;
  /**
   * Where the client sends its requests: a path (`'/api/lunos'`, on any origin) or a full URL
   * (`'https://api.example.com/v1'`); the mock answers `${baseURL}/chat/completions` and
   * `${baseURL}/models`. Default: any URL whose path ends in `/chat/completions` or `/models`.
   */
  baseURL?: string;
  /** Default `instant`. */
  timing?: Timing;
  chunking?: Chunking;
  lineEnding?: LineEnding;
  /** Faults applied to every answer (scenarios and headers add theirs). */
  faults?: readonly Fault[];
  clock?: Clock;
  /** `synthesize` (default) draws an answer for valid requests no fixture matches; `error` answers 501. */
  onUnmatched?: 'synthesize' | 'error';
  /** Answer 401 to every request (the model list included) without `Authorization: Bearer ...`. Default false. */
  requireAuth?: boolean;
  /** Force a dialect; by default a path with `/api/v1/` is OpenRouter, any other Lunos. */
  dialect?: FixtureDialect;
  /** Most calls kept in `calls` (oldest dropped first). Default 1000. */
  maxCalls?: number;
}

export interface LunosMock {
  /** msw handlers for `POST {baseURL}/chat/completions` and `GET {baseURL}/models`. */
  readonly handlers: HttpHandler[];
  /** Requests seen so far, oldest first, every route. */
  readonly calls: readonly MockCall[];
  /** The requests of one route so far, oldest first: `callsTo('chat')[0]` is the first generation. */
  callsTo(route: MockRoute): readonly MockCall[];
  /** Queues a scenario for the next request(s) of its route. */
  next(scenario: MockScenario): void;
  /** Forgets calls and queued scenarios. */
  reset(): void;
}

/** Request headers that steer the mock per request (see README). */
export const MOCK_HEADERS = {
  fixture: 'x-lunos-mock-fixture',
  fault: 'x-lunos-mock-fault',
  timing: 'x-lunos-mock-timing',
  chunking: 'x-lunos-mock-chunking',
} as const;

const secretHeaders = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'proxy-authorization',
]);

function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (secretHeaders.has(name)) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} <redacted>` : '<redacted>';
    } else {
      out[name] = value;
    }
  });
  return out;
}

function errorFixture(
  status: number,
  dialect: FixtureDialect,
  message: string,
  param?: string,
): Fixture {
  const answer = apiErrorAnswer(status, dialect, { message });
  const body = answer.body as { error: Record<string, unknown> };
  if (param && dialect === 'lunos') body.error.param = param;
  return {
    version: 1,
    id: `error/${status}`,
    source: 'reconstructed',
    dialect,
    request: { method: 'POST', path: '/v1/chat/completions', headers: {}, match: { on: [] } },
    response: {
      status,
      headers: answer.headers,
      headersAfterMs: 0,
      body: { kind: 'json', json: answer.body },
    },
  };
}

function modelsFixture(dialect: FixtureDialect, json: unknown): Fixture {
  return {
    version: 1,
    id: `models/${dialect}`,
    source: 'reconstructed',
    dialect,
    request: { method: 'GET', path: '/v1/models', headers: {}, match: { on: [] } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      headersAfterMs: 120,
      body: { kind: 'json', json },
    },
  };
}

/**
 * The mock of the API: msw handlers plus the state behind them (call log, scenario queue).
 * Choosing a chat answer: an explicit fixture id (scenario or `x-lunos-mock-fixture`), else a
 * fixture whose request matches, else the API's own error for an invalid request, else a
 * synthesized answer (or 501 with `onUnmatched: 'error'`).
 */
export function createLunosMock(options: LunosMockOptions = {}): LunosMock {
  const given = options.fixtures;
  if (given === undefined && !hasNodeBuiltins()) {
    throw new MockOptionsError(
      'fixtures',
      'the shipped fixture set is read from the package folder, which needs Node. In a browser pass fixtures: fixtureSetFromGlob(...), or fixtures: false for synthesized answers only.',
    );
  }
  // Read on the first request, so creating the mock stays synchronous; a folder that cannot be
  // read answers every request with a 501 naming it.
  const fixtureSet = (): Promise<FixtureSet | undefined> =>
    given === undefined ? shippedFixtureSet() : Promise.resolve(given || undefined);
  const paths = routePaths(options.baseURL);
  const maxCalls = options.maxCalls ?? 1000;
  const calls: MockCall[] = [];
  let queue: (MockScenario & { left: number })[] = [];
  let seq = 0;

  function takeScenario(route: MockRoute): MockScenario | undefined {
    const i = queue.findIndex((s) => (s.route ?? 'chat') === route);
    if (i === -1) return undefined;
    const scenario = queue[i]!;
    scenario.left -= 1;
    if (scenario.left <= 0) queue.splice(i, 1);
    return scenario;
  }

  function dialectOf(url: URL): FixtureDialect {
    return options.dialect ?? (/\/api\/v1\//.test(url.pathname) ? 'openrouter' : 'lunos');
  }

  /** Scenario, then headers, then the defaults: the most specific wins. */
  function settings(route: MockRoute, request: Request) {
    const scenario = takeScenario(route);
    const h = request.headers;
    const fault = h.get(MOCK_HEADERS.fault);
    const timing = h.get(MOCK_HEADERS.timing);
    const chunking = h.get(MOCK_HEADERS.chunking);
    return {
      fixtureId: h.get(MOCK_HEADERS.fixture) ?? scenario?.fixture,
      faults: [
        ...(options.faults ?? []),
        ...(scenario?.faults ?? []),
        ...(fault ? parseFaultSpec(fault, MOCK_HEADERS.fault) : []),
      ],
      timing: timing
        ? parseTimingSpec(timing, MOCK_HEADERS.timing)
        : (scenario?.timing ?? options.timing),
      chunking: chunking
        ? parseChunkingSpec(chunking, MOCK_HEADERS.chunking)
        : (scenario?.chunking ?? options.chunking),
      lineEnding: scenario?.lineEnding ?? options.lineEnding,
    };
  }

  function catalogue(
    set: FixtureSet | undefined,
    dialect: FixtureDialect,
  ): {
    models: ImageModel[];
    json: (picked: ImageModel[]) => unknown;
  } {
    const recorded = set?.fixtures.find(
      (f) =>
        f.request.method === 'GET' &&
        f.request.path.endsWith('/models') &&
        f.dialect === dialect &&
        f.response.status === 200 &&
        f.response.body.kind === 'json',
    );
    if (recorded && recorded.response.body.kind === 'json') {
      const json = recorded.response.body.json;
      const models = normalizeModels(dialect, json);
      // Answer in the envelope the recording used.
      const wrap = Array.isArray(json)
        ? (picked: ImageModel[]) => picked.map((m) => m.raw)
        : (picked: ImageModel[]) => ({ ...(json as object), data: picked.map((m) => m.raw) });
      return { models, json: wrap };
    }
    const entries = MOCK_MODELS.map(dialect === 'lunos' ? toLunosModel : toOpenRouterModel);
    const models = normalizeModels(dialect, entries);
    return {
      models,
      json: (picked) =>
        dialect === 'lunos' ? picked.map((m) => m.raw) : { data: picked.map((m) => m.raw) },
    };
  }

  function unauthorized(request: Request): boolean {
    const auth = request.headers.get('authorization') ?? '';
    return options.requireAuth === true && !/^Bearer\s+\S+/.test(auth);
  }

  function record(call: Omit<MockCall, 'seq'>): MockCall {
    const entry = { seq: ++seq, ...call };
    calls.push(entry);
    if (calls.length > maxCalls) calls.splice(0, calls.length - maxCalls);
    return entry;
  }

  async function answer(
    request: Request,
    fixture: Fixture,
    s: ReturnType<typeof settings>,
    set: FixtureSet | undefined,
  ): Promise<Response> {
    return replay(fixture, {
      timing: s.timing,
      chunking: s.chunking,
      lineEnding: s.lineEnding,
      faults: s.faults,
      clock: options.clock,
      signal: request.signal,
      loadBlob: set?.loadBlob,
    });
  }

  async function handleChat(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const dialect = dialectOf(url);
    let s: ReturnType<typeof settings>;
    try {
      s = settings('chat', request);
    } catch (error) {
      return mockError(error, dialect);
    }
    const text = await request.text();
    let body: unknown;
    let parsed = true;
    try {
      body = JSON.parse(text);
    } catch {
      parsed = false;
    }
    const call = record({
      route: 'chat',
      method: request.method,
      url: request.url,
      dialect,
      headers: redactHeaders(request.headers),
      body,
      answer: { kind: 'invalid', status: 400 },
      faults: s.faults,
    });
    const reply = async (kind: MockCall['answer']['kind'], fixture: Fixture) => {
      call.answer = {
        kind,
        status: fixture.response.status,
        ...(kind === 'fixture' ? { fixtureId: fixture.id } : {}),
      };
      return answer(request, fixture, s, set);
    };
    let set: FixtureSet | undefined;
    try {
      if (unauthorized(request)) {
        return await reply('unauthorized', errorFixture(401, dialect, 'No auth credentials found'));
      }
      set = await fixtureSet();
      if (s.fixtureId)
        return await reply('fixture', set ? set.get(s.fixtureId) : missingSet(s.fixtureId));
      if (!parsed)
        return await reply('invalid', errorFixture(400, dialect, 'Invalid JSON in request body'));
      const { models } = catalogue(set, dialect);
      const check = checkChatRequest(body, models);
      const facts = check.ok ? check.facts : undefined;
      const matched = set && facts ? matchFixture(set.fixtures, facts, dialect) : undefined;
      if (matched) return await reply('fixture', matched);
      if (!check.ok) {
        // A recorded error answer (e.g. 404 for wrong modalities) matches on the raw body too.
        const recorded = set && matchInvalid(set.fixtures, body, dialect);
        if (recorded) return await reply('fixture', recorded);
        return await reply(
          'invalid',
          errorFixture(check.status, dialect, check.message, check.param),
        );
      }
      if (options.onUnmatched === 'error') {
        return await reply(
          'unmatched',
          errorFixture(
            501,
            dialect,
            `No fixture matches model ${check.facts.model} and prompt "${check.facts.prompt}"`,
          ),
        );
      }
      const model = models.find(
        (m) => canonicalModelId(m.id) === canonicalModelId(check.facts.model),
      )!;
      return await reply(
        'synthesized',
        await synthesizeChatAnswer(check.facts, { dialect, model }),
      );
    } catch (error) {
      return mockError(error, dialect);
    }
  }

  async function handleModels(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const dialect = dialectOf(url);
    try {
      const s = settings('models', request);
      const set = await fixtureSet();
      const call = record({
        route: 'models',
        method: request.method,
        url: request.url,
        dialect,
        headers: redactHeaders(request.headers),
        body: undefined,
        answer: { kind: 'models', status: 200 },
        faults: s.faults,
      });
      if (unauthorized(request)) {
        const refusal = errorFixture(401, dialect, 'No auth credentials found');
        call.answer = { kind: 'unauthorized', status: 401 };
        return await answer(request, refusal, s, set);
      }
      const { models, json } = catalogue(set, dialect);
      const fixture = s.fixtureId
        ? set
          ? set.get(s.fixtureId)
          : missingSet(s.fixtureId)
        : modelsFixture(dialect, json(filterModels(models, dialect, url.searchParams)));
      call.answer = { kind: s.fixtureId ? 'fixture' : 'models', status: fixture.response.status };
      if (s.fixtureId) call.answer.fixtureId = fixture.id;
      return await answer(request, fixture, s, set);
    } catch (error) {
      return mockError(error, dialect);
    }
  }

  return {
    handlers: [
      http.post(paths.chat, ({ request }) => handleChat(request)),
      http.get(paths.models, ({ request }) => handleModels(request)),
    ],
    get calls() {
      return [...calls];
    },
    callsTo(route) {
      return calls.filter((call) => call.route === route);
    },
    next(scenario) {
      const times = scenario.times ?? 1;
      if (!Number.isInteger(times) || times < 1) {
        throw new MockOptionsError('times', 'must be a positive integer');
      }
      queue.push({ ...scenario, left: times });
    },
    reset() {
      calls.length = 0;
      queue = [];
      seq = 0;
    },
  };
}

/**
 * The msw paths of the two routes. A path base gets a leading `*`: msw matches a relative path
 * against `location` (and against nothing in Node), while `baseURL: '/api/lunos'` means any origin.
 */
export function routePaths(baseURL: string | undefined): Record<MockRoute, string> {
  if (baseURL === undefined) return { chat: '*/chat/completions', models: '*/models' };
  const bad = (why: string): never => {
    throw new MockOptionsError('baseURL', `${why}: ${JSON.stringify(baseURL)}`);
  };
  let prefix: string;
  let path: string;
  if (/^https?:\/\//i.test(baseURL)) {
    let url: URL;
    try {
      url = new URL(baseURL);
    } catch {
      return bad('not a URL');
    }
    if (url.search || url.hash) bad('a query or a fragment cannot be matched');
    path = url.pathname.replace(/\/+$/, '');
    prefix = `${url.origin}${path}`;
  } else if (baseURL.startsWith('/')) {
    path = baseURL.replace(/\/+$/, '');
    prefix = `*${path}`;
  } else {
    return bad('must be a path starting with / or an http(s) URL');
  }
  // msw reads these as wildcards, parameters or groups.
  if (/[*:?#(){}]/.test(path)) bad('a path with *, :, ?, #, () or {} cannot be matched');
  return { chat: `${prefix}/chat/completions`, models: `${prefix}/models` };
}

function missingSet(id: string): never {
  throw new MockOptionsError(
    'fixture',
    `fixture "${id}" was asked for, but the mock has no fixtures`,
  );
}

/** Recorded error fixtures are matched on the raw body even though it fails validation. */
function matchInvalid(
  fixtures: readonly Fixture[],
  body: unknown,
  dialect: FixtureDialect,
): Fixture | undefined {
  const facts = chatRequestFacts(body);
  if (!facts) return undefined;
  return matchFixture(
    fixtures.filter((f) => f.response.status >= 400),
    facts,
    dialect,
  );
}

/** A mock-side problem (unknown fixture id, bad steering header): 501 naming it, never a crash. */
function mockError(error: unknown, dialect: FixtureDialect): Response {
  const known = LunosImageError.isInstance(error);
  const message = known ? (error as Error).message : `Mock failure: ${String(error)}`;
  const body = apiErrorAnswer(501, dialect, { message, metadata: { mock: true } }).body;
  return new Response(JSON.stringify(body), {
    status: 501,
    headers: { 'content-type': 'application/json' },
  });
}
