import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { FixtureFolderError } from '../errors/fixture-folder-error';
import { InvalidFixtureError } from '../errors/invalid-fixture-error';
import { MockOptionsError } from '../errors/mock-options-error';
import { createLunosMock } from '../handlers/create-lunos-mock';
import { REPO_FIXTURES_DIR } from '../test-utils/repo-fixtures';
import { loadFixtureSet, shippedFixturesDir } from './load-fixture-set';
import { startMockServer } from './start-mock-server';

const scratch = await mkdtemp(join(tmpdir(), 'lunos-fixture-folder-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}

const sunset = {
  model: 'openrouter/google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'Generate a beautiful sunset over mountains' }],
  modalities: ['image', 'text'],
  stream: true,
};

describe('the fixture set shipped in the package', () => {
  it('is the package’s fixtures folder, and loadFixtureSet() without a folder reads it', async () => {
    expect(shippedFixturesDir()).toBe(REPO_FIXTURES_DIR);
    const set = await loadFixtureSet();
    expect(set.ids()).toEqual((await loadFixtureSet(REPO_FIXTURES_DIR)).ids());
    expect(set.ids()).toContain('chat/sunset-stream');
  });

  it('is what createLunosMock() replays with no arguments', async () => {
    const mock = createLunosMock();
    const response = await getResponse(
      mock.handlers,
      new Request('https://api.lunos.tech/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify(sunset),
      }),
    );
    expect(response?.status).toBe(200);
    await response?.arrayBuffer();
    expect(mock.callsTo('chat')[0]!.answer).toEqual({
      kind: 'fixture',
      fixtureId: 'chat/sunset-stream',
      status: 200,
    });
    // `fixtures: false` opts out: the same request is drawn instead.
    const bare = createLunosMock({ fixtures: false });
    await (
      await getResponse(
        bare.handlers,
        new Request('https://api.lunos.tech/v1/chat/completions', {
          method: 'POST',
          body: JSON.stringify(sunset),
        }),
      )
    )?.arrayBuffer();
    expect(bare.callsTo('chat')[0]!.answer.kind).toBe('synthesized');
  });

  it('is what startMockServer() serves with no fixtures option', async () => {
    const server = await startMockServer();
    try {
      const ids = (await (await fetch(`${server.url}/__mock/fixtures`)).json()) as string[];
      expect(ids).toEqual((await loadFixtureSet()).ids());
    } finally {
      await server.close();
    }
  });

  it('cannot be read outside Node: createLunosMock() says how to pass fixtures there', () => {
    const original = process.getBuiltinModule;
    // What a browser bundle sees: no process.getBuiltinModule.
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      expect(() => createLunosMock()).toThrow(MockOptionsError);
      expect(() => createLunosMock()).toThrow(/pass fixtures: fixtureSetFromGlob/);
      expect(() => createLunosMock({ fixtures: false })).not.toThrow();
    } finally {
      process.getBuiltinModule = original;
    }
  });
});

describe('a fixtures folder that cannot be used', () => {
  it('missing: a FixtureFolderError naming the path, from the loader and the server', async () => {
    const missing = join(scratch, 'no-such-folder');
    const error = await rejection(loadFixtureSet(missing));
    expect(FixtureFolderError.isInstance(error)).toBe(true);
    expect(error.message).toBe(`Cannot load fixtures from ${missing}: no such folder`);
    expect((error as FixtureFolderError).dir).toBe(missing);
    const fromServer = await rejection(startMockServer({ fixturesDir: missing }));
    expect(FixtureFolderError.isInstance(fromServer)).toBe(true);
    expect(fromServer.message).toContain(missing);
  });

  it('a file, or an empty folder: a FixtureFolderError saying which', async () => {
    const file = join(scratch, 'a-file.json');
    await writeFile(file, '{}');
    expect((await rejection(loadFixtureSet(file))).message).toBe(
      `Cannot load fixtures from ${file}: not a folder`,
    );
    const empty = join(scratch, 'empty');
    await mkdir(join(empty, 'blobs'), { recursive: true });
    expect((await rejection(loadFixtureSet(empty))).message).toBe(
      `Cannot load fixtures from ${empty}: it holds no fixture files (*.json outside blobs/)`,
    );
  });

  it('a file that is not JSON or not a fixture: an InvalidFixtureError naming its full path', async () => {
    const dir = join(scratch, 'malformed');
    await mkdir(join(dir, 'chat'), { recursive: true });
    const file = join(dir, 'chat', 'broken.json');
    await writeFile(file, '{"version": 1,');
    const notJson = await rejection(loadFixtureSet(dir));
    expect(InvalidFixtureError.isInstance(notJson)).toBe(true);
    expect(notJson.message).toContain(`Invalid fixture ${file}: (root): not valid JSON`);
    await writeFile(file, '{"version": 1, "id": "chat/broken"}');
    const notFixture = await rejection(loadFixtureSet(dir));
    expect(InvalidFixtureError.isInstance(notFixture)).toBe(true);
    expect((notFixture as InvalidFixtureError).source).toBe(file);
  });
});
