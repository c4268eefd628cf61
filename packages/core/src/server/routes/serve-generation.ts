import { ROUTES } from '../../routes/route-table';
import { generationWires } from '../../wires/generation-wires';
import { checkGenerationBody } from '../check-generation-body';
import { endClaim, shareGeneration } from '../jobs/share-generation';
import { startJob } from '../jobs/start-job';
import { admitGeneration } from '../limits/admit-generation';
import { readLimitedBody } from '../read-limited-body';
import { refuse } from '../refuse';
import type { RouteServer } from '../route-server';
import { traceGeneration } from '../telemetry/trace-generation';
import type { UpstreamCall } from '../upstream-relay';
import { withHeaders } from '../with-headers';

/**
 * A generation (`POST /chat/completions`, `POST /images`): the JSON body read within
 * `maxRequestBytes`, checked by its wire's schema and the handler's limits, and sent written anew:
 * relayed, or with `jobs` run as a job (`startJob`), once the spending and rate limits
 * let it through (`admitGeneration`).
 */
export const serveGeneration: RouteServer = async (request, { name, prefix }, context) => {
  const { limits, isAllowed, relay, jobs } = context;
  const route = ROUTES[name];
  if (!('wire' in route)) throw new TypeError(`serveGeneration: ${name} has no wire`);
  const type = request.headers.get('content-type') ?? '';
  // Requiring JSON also forces a CORS preflight on cross-site form posts (no CSRF by text/plain).
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return refuse(
      415,
      'unsupported_media_type',
      'The body must be JSON (content-type: application/json)',
    );
  }
  const tooLarge = () =>
    refuse(
      413,
      'payload_too_large',
      `The request body is larger than this server takes (${limits.maxRequestBytes} bytes)`,
    );
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxRequestBytes) return tooLarge();
  let body: Awaited<ReturnType<typeof readLimitedBody>>;
  try {
    body = await readLimitedBody(request.body, limits.maxRequestBytes);
  } catch {
    return refuse(400, 'invalid_request', 'The request body could not be read');
  }
  if ('tooLarge' in body) return tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
  } catch {
    return refuse(400, 'invalid_json', 'The request body is not valid JSON');
  }
  const checked = checkGenerationBody(generationWires[route.wire], json, limits, isAllowed);
  if ('refusal' in checked) return checked.refusal;
  const streamed = (checked.request as { stream?: unknown }).stream === true;
  // What was checked is what is sent: written anew, so a duplicate key or odd encoding that an
  // upstream parser might read differently from ours cannot slip past the checks.
  const call: UpstreamCall = {
    method: route.method,
    path: route.path,
    accept: streamed ? 'text/event-stream' : 'application/json',
    body: JSON.stringify(checked.request),
  };
  const shared =
    jobs && context.sharing
      ? await shareGeneration(
          request,
          { wire: route.wire, body: checked.request as Record<string, unknown> },
          { ...context, jobs, sharing: context.sharing },
        )
      : undefined;
  if (shared && 'refusal' in shared) return shared.refusal;
  if (shared && 'answer' in shared) {
    const { answer } = shared;
    return traceGeneration(context.telemetry, { wire: route.wire, body: checked.request }, () =>
      Promise.resolve(answer),
    );
  }
  const admitted = await admitGeneration(
    request,
    {
      wire: route.wire,
      body: checked.request as Record<string, unknown>,
      modelIds: checked.demands.modelIds,
    },
    context,
  );
  if ('refusal' in admitted) {
    if (jobs && shared?.claim) await endClaim(jobs.store, shared.claim);
    return admitted.refusal;
  }
  const { spend } = admitted;
  const answer = await traceGeneration(
    context.telemetry,
    { wire: route.wire, body: checked.request },
    () =>
      jobs
        ? startJob(request, { wire: route.wire, call, prefix, spend }, jobs, context, shared)
        : relay.send(request, call, undefined, spend),
  );
  // The budget left after this generation's reservation, on answers that go on to generate.
  return answer.ok ? withHeaders(answer, admitted.headers) : answer;
};
