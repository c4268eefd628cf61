import { matchRoute, ROUTES } from '@lunos-image/core/internal';
import { type HttpHandler, http, type PathParams } from 'msw';
import { MockOptionsError } from '../errors/mock-options-error';
import { RequestTooLargeError } from '../errors/request-too-large-error';
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
import { readRequestText } from '../util/read-request-text';
import {
  errorFixture,
  errorResponse,
  missingSet,
  mockError,
  modelsFixture,
} from './answer-fixtures';
import { CallLog } from './call-log';
import {
  type ChatRequestSeen,
  chatAnswerFixture,
  chooseChatAnswer,
  loggedAnswer,
} from './choose-chat-answer';
import { chooseImagesAnswer, imagesAnswerFixture } from './choose-images-answer';
import { filterModels } from './filter-models';
import { imageEndpointsFixture, imageModelsFixture } from './image-listing-fixtures';
import { imagesCatalogue } from './images-catalogue';
import { mockCatalogue } from './mock-catalogue';
import type { MockCall, MockRoute, MockScenario } from './mock-types';
import { redactHeaders } from './redact-headers';
import { MOCK_ROUTES, routePaths } from './route-paths';
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
   * (`'https://api.example.com/v1'`); the mock answers `${baseURL}/chat/completions`,
   * `${baseURL}/models` and the Images API under `${baseURL}/images`. Default: any URL whose path
   * ends in one of those routes.
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
  /** Answer 401 to every request (the model lists included) without `Authorization: Bearer ...`. Default false. */
  requireAuth?: boolean;
  /** Force a dialect; by default a path with `/api/v1/` is OpenRouter, any other Lunos. */
  dialect?: FixtureDialect;
  /** Most calls kept in `calls` (oldest dropped first). Default 1000. */
  maxCalls?: number;
}

export interface LunosMock {
  /**
   * msw handlers for `POST {baseURL}/chat/completions`, `GET {baseURL}/models` and the Images API:
   * `POST {baseURL}/images`, `GET {baseURL}/images/models` and
   * `GET {baseURL}/images/models/{author}/{slug}/endpoints`.
   */
  readonly handlers: HttpHandler[];
  /** Requests seen so far, oldest first, every route. */
  readonly calls: readonly MockCall[];
  /**
   * The requests of one route so far, oldest first: `callsTo('chat')[0]` is the first chat
   * generation, `callsTo('images')` the Images API's.
   */
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
 * The mock of the API: msw handlers for the chat, model-list and Images API routes, plus the
 * state behind them (the call log and the scenario queue). How a generation is answered is
 * decided in one place per route, `chooseChatAnswer` and `chooseImagesAnswer`.
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

  function logCall(
    route: MockRoute,
    dialect: FixtureDialect,
    request: Request,
    body: unknown,
    faults: readonly Fault[],
  ) {
    return log.record({
      route,
      method: request.method,
      url: request.url,
      dialect,
      headers: redactHeaders(request.headers),
      body,
      answer:
        request.method === 'GET'
          ? { kind: 'models', status: 200 }
          : { kind: 'invalid', status: 400 },
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

  /**
   * A generation route (chat or images): reads the body (size-limited), logs the call, lets
   * `decide` choose the answer and replays it.
   */
  async function handleGeneration<A extends { kind: MockCall['answer']['kind'] }>(
    route: 'chat' | 'images',
    request: Request,
    dialect: FixtureDialect,
    decide: {
      choose(seen: ChatRequestSeen, set: FixtureSet | undefined): A;
      fixture(answer: A): Promise<Fixture>;
    },
  ): Promise<Response> {
    let s: ReturnType<typeof settings>;
    let text: string;
    try {
      s = settings(route, request);
      text = await readRequestText(request);
    } catch (error) {
      return RequestTooLargeError.isInstance(error)
        ? errorResponse(413, dialect, (error as Error).message)
        : mockError(error, dialect);
    }
    let body: unknown;
    let parsed = true;
    try {
      body = JSON.parse(text);
    } catch {
      parsed = false;
    }
    const call = logCall(route, dialect, request, body, s.faults);
    try {
      const isAuthorized = authorized(request);
      const set = isAuthorized ? await fixtureSet() : undefined;
      const answer = decide.choose(
        { authorized: isAuthorized, fixtureId: s.fixtureId, body, parsed },
        set,
      );
      const fixture = await decide.fixture(answer);
      call.answer = loggedAnswer(answer, fixture);
      return await replayAnswer(request, fixture, s, set);
    } catch (error) {
      return mockError(error, dialect);
    }
  }

  /** A listing route: 401 when required, the fixture asked for by id, else `answer`'s fixture. */
  async function handleListing(
    route: MockRoute,
    request: Request,
    dialect: FixtureDialect,
    answer: (set: FixtureSet | undefined) => Fixture,
  ): Promise<Response> {
    try {
      const s = settings(route, request);
      const set = await fixtureSet();
      const call = logCall(route, dialect, request, undefined, s.faults);
      if (!authorized(request)) {
        const refusal = errorFixture(401, dialect, 'No auth credentials found');
        call.answer = { kind: 'unauthorized', status: 401 };
        return await replayAnswer(request, refusal, s, set);
      }
      const fixture = s.fixtureId
        ? set
          ? set.get(s.fixtureId)
          : missingSet(s.fixtureId)
        : answer(set);
      const status = fixture.response.status;
      call.answer = s.fixtureId
        ? { kind: 'fixture', status, fixtureId: fixture.id }
        : { kind: status >= 400 ? 'invalid' : 'models', status };
      return await replayAnswer(request, fixture, s, set);
    } catch (error) {
      return mockError(error, dialect);
    }
  }

  const onUnmatched = options.onUnmatched ?? 'synthesize';

  function handleChat(request: Request): Promise<Response> {
    const dialect = dialectOf(new URL(request.url));
    return handleGeneration('chat', request, dialect, {
      choose: (seen, set) => chooseChatAnswer(seen, set, dialect, onUnmatched),
      fixture: (answer) => chatAnswerFixture(answer, dialect),
    });
  }

  function handleModels(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const dialect = dialectOf(url);
    return handleListing('models', request, dialect, (set) => {
      const { models, json } = mockCatalogue(set, dialect);
      return modelsFixture(dialect, json(filterModels(models, dialect, url.searchParams)));
    });
  }

  // The Images API is OpenRouter's: its answers and errors keep OpenRouter's shape on any path.
  function handleImages(request: Request): Promise<Response> {
    return handleGeneration('images', request, 'openrouter', {
      choose: (seen, set) => chooseImagesAnswer(seen, set, onUnmatched),
      fixture: imagesAnswerFixture,
    });
  }

  function handleImageModels(request: Request): Promise<Response> {
    // `endpoints` URLs are under the base the client called: the path before the route.
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    const base = path.slice(0, path.length - (matchRoute(path)?.path.length ?? 0));
    return handleListing('image-models', request, 'openrouter', (set) =>
      imageModelsFixture(imagesCatalogue(set), base),
    );
  }

  function handleImageEndpoints(request: Request, params: PathParams): Promise<Response> {
    return handleListing('image-endpoints', request, 'openrouter', (set) =>
      imageEndpointsFixture(imagesCatalogue(set), `${params.author}/${params.slug}`),
    );
  }

  // One answer per route of the table: a route added there fails to compile here until answered.
  const answers: Record<MockRoute, (request: Request, params: PathParams) => Promise<Response>> = {
    chat: handleChat,
    models: handleModels,
    images: handleImages,
    'image-models': handleImageModels,
    'image-endpoints': handleImageEndpoints,
  };

  return {
    handlers: MOCK_ROUTES.map((route) => {
      const method = ROUTES[route].method.toLowerCase() as Lowercase<
        (typeof ROUTES)[MockRoute]['method']
      >;
      return http[method](paths[route], ({ request, params }) => answers[route](request, params));
    }),
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
