import { type HttpHandler, http } from 'msw';
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
import { errorFixture, missingSet, mockError, modelsFixture } from './answer-fixtures';
import { CallLog } from './call-log';
import { chatAnswerFixture, chooseChatAnswer, loggedAnswer } from './choose-chat-answer';
import { filterModels } from './filter-models';
import { mockCatalogue } from './mock-catalogue';
import type { MockCall, MockRoute, MockScenario } from './mock-types';
import { redactHeaders } from './redact-headers';
import { routePaths } from './route-paths';
import { ScenarioQueue } from './scenario-queue';

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

/**
 * The mock of the API: msw handlers for the chat and model-list routes, plus the state behind
 * them (the call log and the scenario queue). How a chat request is answered is decided in one
 * place, `chooseChatAnswer`.
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
  const log = new CallLog(options.maxCalls ?? 1000);
  const queue = new ScenarioQueue();

  function dialectOf(url: URL): FixtureDialect {
    return options.dialect ?? (/\/api\/v1\//.test(url.pathname) ? 'openrouter' : 'lunos');
  }

  /** Scenario, then headers, then the defaults: the most specific wins. */
  function settings(route: MockRoute, request: Request) {
    const scenario = queue.take(route);
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

  function authorized(request: Request): boolean {
    const auth = request.headers.get('authorization') ?? '';
    return options.requireAuth !== true || /^Bearer\s+\S+/.test(auth);
  }

  function logCall(route: MockRoute, request: Request, body: unknown, faults: readonly Fault[]) {
    return log.record({
      route,
      method: request.method,
      url: request.url,
      dialect: dialectOf(new URL(request.url)),
      headers: redactHeaders(request.headers),
      body,
      answer: route === 'chat' ? { kind: 'invalid', status: 400 } : { kind: 'models', status: 200 },
      faults,
    });
  }

  function replayAnswer(
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
    const dialect = dialectOf(new URL(request.url));
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
    const call = logCall('chat', request, body, s.faults);
    try {
      const isAuthorized = authorized(request);
      const set = isAuthorized ? await fixtureSet() : undefined;
      const choice = chooseChatAnswer(
        { authorized: isAuthorized, fixtureId: s.fixtureId, body, parsed },
        set,
        dialect,
        options.onUnmatched ?? 'synthesize',
      );
      const fixture = await chatAnswerFixture(choice, dialect);
      call.answer = loggedAnswer(choice, fixture);
      return await replayAnswer(request, fixture, s, set);
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
      const call = logCall('models', request, undefined, s.faults);
      if (!authorized(request)) {
        const refusal = errorFixture(401, dialect, 'No auth credentials found');
        call.answer = { kind: 'unauthorized', status: 401 };
        return await replayAnswer(request, refusal, s, set);
      }
      const { models, json } = mockCatalogue(set, dialect);
      const fixture = s.fixtureId
        ? set
          ? set.get(s.fixtureId)
          : missingSet(s.fixtureId)
        : modelsFixture(dialect, json(filterModels(models, dialect, url.searchParams)));
      call.answer = { kind: s.fixtureId ? 'fixture' : 'models', status: fixture.response.status };
      if (s.fixtureId) call.answer.fixtureId = fixture.id;
      return await replayAnswer(request, fixture, s, set);
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
      return log.all();
    },
    callsTo: (route) => log.to(route),
    next: (scenario) => queue.push(scenario),
    reset() {
      log.clear();
      queue.clear();
    },
  };
}
