import { canonicalModelId, type ImageModel } from '@lunos-image/core';
import type { Fixture, FixtureDialect } from '../fixture/fixture-schema';
import type { FixtureSet } from '../fixture/fixture-set';
import { errorFixture, matchInvalid, missingSet } from './answer-fixtures';
import { type ChatRequestFacts, checkChatRequest } from './check-chat-request';
import { matchFixture } from './match-fixture';
import { mockCatalogue } from './mock-catalogue';
import type { MockCall } from './mock-types';
import { synthesizeChatAnswer } from './synthesize-chat-answer';

/** How a chat request is answered; `kind` is what the call log says. */
export type ChatAnswer =
  | { kind: 'unauthorized' }
  | { kind: 'fixture'; fixture: Fixture }
  | { kind: 'invalid'; status: number; message: string; param?: string | undefined }
  | { kind: 'unmatched'; facts: ChatRequestFacts }
  | { kind: 'synthesized'; facts: ChatRequestFacts; model: ImageModel };

/** What a generation route (chat or images) read from one request. */
export interface ChatRequestSeen {
  authorized: boolean;
  /** The fixture a scenario or `x-lunos-mock-fixture` asked for. */
  fixtureId: string | undefined;
  /** The parsed JSON body; `undefined` with `parsed: false` when it was not JSON. */
  body: unknown;
  parsed: boolean;
}

/**
 * What both generation routes answer before looking at the request: 401 without credentials
 * (when required), the fixture asked for by id, 400 for a body that is not JSON.
 */
export function earlyAnswer(
  seen: ChatRequestSeen,
  set: FixtureSet | undefined,
):
  | { kind: 'unauthorized' }
  | { kind: 'fixture'; fixture: Fixture }
  | { kind: 'invalid'; status: number; message: string }
  | undefined {
  if (!seen.authorized) return { kind: 'unauthorized' };
  if (seen.fixtureId) {
    return { kind: 'fixture', fixture: set ? set.get(seen.fixtureId) : missingSet(seen.fixtureId) };
  }
  if (!seen.parsed)
    return { kind: 'invalid', status: 400, message: 'Invalid JSON in request body' };
  return undefined;
}

/**
 * The answer for a chat request, most specific first: 401 without credentials (when required),
 * the fixture asked for by id, 400 for a body that is not JSON, a fixture whose request matches,
 * the API's own error for an invalid request (a recorded one if it matches the raw body), then a
 * synthesized answer, or 501 with `onUnmatched: 'error'`.
 */
export function chooseChatAnswer(
  seen: ChatRequestSeen,
  set: FixtureSet | undefined,
  dialect: FixtureDialect,
  onUnmatched: 'synthesize' | 'error',
): ChatAnswer {
  const early = earlyAnswer(seen, set);
  if (early) return early;
  const { models } = mockCatalogue(set, dialect);
  const check = checkChatRequest(seen.body, models);
  if (!check.ok) {
    // A recorded error answer (e.g. 404 for wrong modalities) matches on the raw body too.
    const recorded = set && matchInvalid(set.fixtures, seen.body, dialect);
    if (recorded) return { kind: 'fixture', fixture: recorded };
    return { kind: 'invalid', status: check.status, message: check.message, param: check.param };
  }
  const matched = set && matchFixture(set.fixtures, check.facts, dialect);
  if (matched) return { kind: 'fixture', fixture: matched };
  if (onUnmatched === 'error') return { kind: 'unmatched', facts: check.facts };
  const model = models.find((m) => canonicalModelId(m.id) === canonicalModelId(check.facts.model))!;
  return { kind: 'synthesized', facts: check.facts, model };
}

/** The fixture that replays `answer`. */
export async function chatAnswerFixture(
  answer: ChatAnswer,
  dialect: FixtureDialect,
): Promise<Fixture> {
  switch (answer.kind) {
    case 'unauthorized':
      return errorFixture(401, dialect, 'No auth credentials found');
    case 'fixture':
      return answer.fixture;
    case 'invalid':
      return errorFixture(answer.status, dialect, answer.message, answer.param);
    case 'unmatched':
      return errorFixture(
        501,
        dialect,
        `No fixture matches model ${answer.facts.model} and prompt "${answer.facts.prompt}"`,
      );
    case 'synthesized':
      return synthesizeChatAnswer(answer.facts, { dialect, model: answer.model });
    default: {
      const unknown: never = answer;
      throw new Error(`unhandled chat answer ${JSON.stringify(unknown)}`);
    }
  }
}

/** The call log's account of an answer (of either generation route). */
export function loggedAnswer(
  answer: { kind: MockCall['answer']['kind'] },
  fixture: Fixture,
): MockCall['answer'] {
  return {
    kind: answer.kind,
    status: fixture.response.status,
    ...(answer.kind === 'fixture' ? { fixtureId: fixture.id } : {}),
  };
}
