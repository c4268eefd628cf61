import type { Fixture } from '../fixture/fixture-schema';
import type { FixtureSet } from '../fixture/fixture-set';
import { errorFixture } from './answer-fixtures';
import {
  checkImagesRequest,
  type ImagesRequestFacts,
  type ImagesRequestPlan,
} from './check-images-request';
import { type ChatRequestSeen, earlyAnswer } from './choose-chat-answer';
import { imagesCatalogue } from './images-catalogue';
import { matchFixture } from './match-fixture';
import { synthesizeImagesAnswer } from './synthesize-images-answer';

/** How an Images API request is answered; `kind` is what the call log says. */
export type ImagesAnswer =
  | { kind: 'unauthorized' }
  | { kind: 'fixture'; fixture: Fixture }
  | { kind: 'invalid'; status: number; message: string }
  | { kind: 'unmatched'; facts: ImagesRequestFacts }
  | { kind: 'synthesized'; plan: ImagesRequestPlan };

/**
 * The answer for `POST …/images`, most specific first: 401 without credentials (when required),
 * the fixture asked for by id, 400 for a body that is not JSON, the API's own error for an
 * invalid request (`checkImagesRequest`), a fixture whose request matches, then a synthesized
 * answer, or 501 with `onUnmatched: 'error'`.
 */
export function chooseImagesAnswer(
  seen: ChatRequestSeen,
  set: FixtureSet | undefined,
  onUnmatched: 'synthesize' | 'error',
): ImagesAnswer {
  const early = earlyAnswer(seen, set);
  if (early) return early;
  const check = checkImagesRequest(seen.body, imagesCatalogue(set));
  if (!check.ok) return { kind: 'invalid', status: check.status, message: check.message };
  const matched = set && matchFixture(set.fixtures, check.plan.facts, 'openrouter', 'images');
  if (matched) return { kind: 'fixture', fixture: matched };
  if (onUnmatched === 'error') return { kind: 'unmatched', facts: check.plan.facts };
  return { kind: 'synthesized', plan: check.plan };
}

/** An error answer of the Images API: OpenRouter's shape, whatever the base path. */
export const imagesErrorFixture = (status: number, message: string): Fixture =>
  errorFixture(status, 'openrouter', message, undefined, 'images');

/** The fixture that replays `answer`. */
export async function imagesAnswerFixture(answer: ImagesAnswer): Promise<Fixture> {
  switch (answer.kind) {
    case 'unauthorized':
      return imagesErrorFixture(401, 'No auth credentials found');
    case 'fixture':
      return answer.fixture;
    case 'invalid':
      return imagesErrorFixture(answer.status, answer.message);
    case 'unmatched':
      return imagesErrorFixture(
        501,
        `No fixture matches model ${answer.facts.model} and prompt "${answer.facts.prompt}"`,
      );
    case 'synthesized':
      return synthesizeImagesAnswer(answer.plan);
    default: {
      const unknown: never = answer;
      throw new Error(`unhandled images answer ${JSON.stringify(unknown)}`);
    }
  }
}
