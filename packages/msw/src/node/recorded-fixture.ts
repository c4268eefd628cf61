import { DEFAULT_MATCH_FIELDS, type FixtureInput } from '../fixture/fixture-schema';
import type { MockRoute } from '../handlers/mock-types';

const requestHeaderAllowList = ['content-type', 'accept', 'x-title', 'http-referer', 'x-app-id'];
const responseHeaderAllowList =
  /^(content-type|cache-control|retry-after|x-generation-id|x-ratelimit-[a-z-]+)$/;

/** What went by on one exchange through the recorder, before it is scrubbed and written. */
export interface RecordedExchange {
  route: MockRoute;
  method: 'GET' | 'POST';
  /** The path and query the client asked for. */
  url: URL;
  /** The headers sent upstream (the key among them: only allow-listed ones are kept). */
  requestHeaders: Headers;
  requestBody: Buffer | undefined;
  status: number;
  responseHeaders: Headers;
  headersAfterMs: number;
  body: FixtureInput['response']['body'];
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 6)
      .join('-') || 'request'
  );
}

function parsedBody(body: Buffer | undefined): unknown {
  if (!body || body.byteLength === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}

/** The prompt of a generation request: the Images API's `prompt`, chat's last message's text. */
function promptOf(body: unknown): string {
  const b = body as { prompt?: unknown; messages?: { content?: unknown }[] } | undefined;
  if (typeof b?.prompt === 'string') return b.prompt;
  const content = b?.messages?.at(-1)?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return String(content.find((p) => p?.type === 'text')?.text ?? '');
  return '';
}

/**
 * The id a recording is written under, below the recorder's prefix: a chat generation by its
 * prompt (`a-futuristic-city-at-night-with`), an Images API one likewise after `images-`, a
 * listing by its route (`models-openrouter`, `image-models`, `image-endpoints-openai-gpt-image-1`).
 */
export function recordedFixtureId(
  exchange: RecordedExchange,
  dialect: FixtureInput['dialect'],
  params: Readonly<Record<string, string>>,
): string {
  const body = parsedBody(exchange.requestBody);
  switch (exchange.route) {
    case 'chat':
      return slug(promptOf(body));
    case 'images':
      return `images-${slug(promptOf(body))}`;
    case 'models':
      return `models-${dialect}`;
    default:
      return [exchange.route, ...Object.values(params).map(slug)].join('-');
  }
}

const pick = (headers: Headers, keep: (name: string) => boolean) => {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (keep(name)) out[name] = value;
  });
  return out;
};

/**
 * The fixture of a recorded exchange, not yet scrubbed: only allow-listed headers, the request
 * body parsed, generations matched on the default fields and listings only by id.
 */
export function recordedFixture(
  exchange: RecordedExchange,
  id: string,
  dialect: FixtureInput['dialect'],
  upstreamOrigin: string,
): FixtureInput {
  const body = parsedBody(exchange.requestBody);
  const query = Object.fromEntries(exchange.url.searchParams);
  const generation = exchange.route === 'chat' || exchange.route === 'images';
  return {
    version: 1,
    id,
    description: `Recorded from ${upstreamOrigin}`,
    source: 'recorded',
    dialect,
    recordedAt: new Date().toISOString(),
    request: {
      method: exchange.method,
      path: exchange.url.pathname,
      ...(Object.keys(query).length > 0 ? { query } : {}),
      headers: pick(exchange.requestHeaders, (n) => requestHeaderAllowList.includes(n)),
      ...(body === undefined ? {} : { body }),
      match: { on: generation ? [...DEFAULT_MATCH_FIELDS] : [] },
    },
    response: {
      status: exchange.status,
      headers: pick(exchange.responseHeaders, (n) => responseHeaderAllowList.test(n)),
      headersAfterMs: exchange.headersAfterMs,
      body: exchange.body,
    },
  };
}
