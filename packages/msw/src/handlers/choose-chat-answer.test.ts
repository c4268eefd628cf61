import { beforeAll, describe, expect, it } from 'vitest';
import type { FixtureSet } from '../fixture/fixture-set';
import { repoFixtures } from '../test-utils/repo-fixtures';
import { type ChatRequestSeen, chatAnswerFixture, chooseChatAnswer } from './choose-chat-answer';

let set: FixtureSet;
beforeAll(async () => {
  set = await repoFixtures();
});

const sunset = {
  model: 'openrouter/google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'Generate a beautiful sunset over mountains' }],
  modalities: ['image', 'text'],
  stream: true,
};
const seen = (over: Partial<ChatRequestSeen> = {}): ChatRequestSeen => ({
  authorized: true,
  fixtureId: undefined,
  body: sunset,
  parsed: true,
  ...over,
});

describe('chooseChatAnswer, most specific first', () => {
  it('refuses a missing credential before anything else, even a fixture asked for by id', () => {
    const choice = chooseChatAnswer(
      seen({ authorized: false, fixtureId: 'errors/429-rate-limited' }),
      set,
      'lunos',
      'synthesize',
    );
    expect(choice).toEqual({ kind: 'unauthorized' });
  });

  it('answers with the fixture asked for by id, whatever the body says', () => {
    const choice = chooseChatAnswer(
      seen({ fixtureId: 'errors/429-rate-limited', body: undefined, parsed: false }),
      set,
      'lunos',
      'synthesize',
    );
    expect(choice.kind === 'fixture' && choice.fixture.id).toBe('errors/429-rate-limited');
  });

  it('gives 400 for a body that is not JSON', () => {
    expect(
      chooseChatAnswer(seen({ body: undefined, parsed: false }), set, 'lunos', 'synthesize'),
    ).toEqual({
      kind: 'invalid',
      status: 400,
      message: 'Invalid JSON in request body',
    });
  });

  it('replays the fixture whose request matches', () => {
    const choice = chooseChatAnswer(seen(), set, 'lunos', 'synthesize');
    expect(choice.kind === 'fixture' && choice.fixture.id).toBe('chat/sunset-stream');
  });

  it("gives the API's own error for an invalid request", () => {
    const choice = chooseChatAnswer(
      seen({ body: { ...sunset, messages: [] } }),
      set,
      'lunos',
      'synthesize',
    );
    expect(choice.kind).toBe('invalid');
    expect(choice.kind === 'invalid' && choice.status).toBe(400);
  });

  it('synthesizes an answer no fixture matches, or says unmatched when told to', async () => {
    const other = { ...sunset, messages: [{ role: 'user', content: 'A teapot on the moon' }] };
    const synthesized = chooseChatAnswer(seen({ body: other }), set, 'lunos', 'synthesize');
    expect(synthesized.kind).toBe('synthesized');
    expect(synthesized.kind === 'synthesized' && synthesized.model.id).toBe(sunset.model);
    expect((await chatAnswerFixture(synthesized, 'lunos')).response.status).toBe(200);

    const unmatched = chooseChatAnswer(seen({ body: other }), set, 'lunos', 'error');
    expect(unmatched.kind).toBe('unmatched');
    expect((await chatAnswerFixture(unmatched, 'lunos')).response.status).toBe(501);
  });

  it('synthesizes with no fixture set at all', () => {
    expect(chooseChatAnswer(seen(), undefined, 'lunos', 'synthesize').kind).toBe('synthesized');
  });
});
