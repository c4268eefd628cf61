import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_FIXTURES_DIR, repoFixtures } from './test-utils/repo-fixtures';

const run = promisify(execFile);

/** Runs the CLI and returns its exit code and output, whether it succeeded or not. */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [...cli, ...args], { cwd: packageDir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const packageDir = join(import.meta.dirname, '..');
// The CLI from source: the same entry the bin runs once built.
const cli = [
  '--conditions=@lunos-image/source',
  '--import',
  'tsx',
  join(import.meta.dirname, 'cli.ts'),
];

/** Starts `serve --port 0 ...args`; resolves once it prints its URL. */
async function serve(
  args: string[],
): Promise<{ url: string; stdout: string; stop(): Promise<number | null> }> {
  const child = spawn('node', [...cli, 'serve', '--port', '0', ...args], { cwd: packageDir });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /serving on (http:\/\/\S+)/.exec(stdout);
      // The base URL lines come in the same write as the first line.
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  return {
    url,
    stdout,
    stop() {
      child.kill('SIGTERM');
      return exit;
    },
  };
}

describe('lunos-image-mock', () => {
  it('verify passes on the repo fixtures and fails on a leaked key or a broken blob', async () => {
    const ok = await runCli(['verify', REPO_FIXTURES_DIR]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/✓ 28 fixtures, 15 blobs, 0 problems/);

    const dir = await mkdtemp(join(tmpdir(), 'lunos-verify-'));
    try {
      await cp(REPO_FIXTURES_DIR, dir, { recursive: true });
      const file = join(dir, 'errors', '401-unauthorized.json');
      const json = JSON.parse(await readFile(file, 'utf8'));
      // A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
      json.notes = [`key was sk-or-v1-${'a'.repeat(32)}`];
      await writeFile(file, JSON.stringify(json));
      await writeFile(
        join(
          dir,
          'blobs',
          'sha256-0000000000000000000000000000000000000000000000000000000000000000.png',
        ),
        'x',
      );
      const failed = await runCli(['verify', dir]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('openrouter-key');
      expect(failed.stdout).toContain('no fixture references it');
      expect(failed.stdout).not.toContain('aaaaaaaaaaaaaaaaaaaaaaaa');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serve prints its URLs, replays the shipped fixtures with no --fixtures, and exits cleanly on SIGTERM', async () => {
    const server = await serve([]);
    try {
      expect(server.stdout).toContain(`Lunos base URL:      ${server.url}/v1`);
      const models = await fetch(`${server.url}/v1/models?output=image`);
      expect(models.status).toBe(200);
      const ids = (await (await fetch(`${server.url}/__mock/fixtures`)).json()) as string[];
      expect(ids).toEqual((await repoFixtures()).ids());
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('serve --no-fixtures has none; --fixtures takes your own folder', async () => {
    const none = await serve(['--no-fixtures']);
    try {
      expect(await (await fetch(`${none.url}/__mock/fixtures`)).json()).toEqual([]);
    } finally {
      await none.stop();
    }
    const own = await serve(['--fixtures', REPO_FIXTURES_DIR]);
    try {
      expect(await (await fetch(`${own.url}/__mock/fixtures`)).json()).toContain('chat/sunset');
    } finally {
      await own.stop();
    }
  });

  it('serve --base-url answers under that path only', async () => {
    const server = await serve(['--base-url', '/api/lunos']);
    try {
      expect(server.stdout).toContain(`base URL: ${server.url}/api/lunos`);
      expect((await fetch(`${server.url}/api/lunos/models`)).status).toBe(200);
      const chat = await fetch(`${server.url}/api/lunos/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({
          model: 'openrouter/google/gemini-2.5-flash-image',
          messages: [{ role: 'user', content: 'a kite' }],
        }),
      });
      expect(chat.status).toBe(200);
      await chat.arrayBuffer();
      expect((await fetch(`${server.url}/v1/models`)).status).toBe(404);
      // The Images API under the same base, and only there.
      expect((await fetch(`${server.url}/api/lunos/images/models`)).status).toBe(200);
      const images = await fetch(`${server.url}/api/lunos/images`, {
        method: 'POST',
        body: JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'a kite' }),
      });
      expect(images.status).toBe(200);
      await images.arrayBuffer();
      expect((await fetch(`${server.url}/api/v1/images/models`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('serve --require-auth answers 401 on every API route, the model list included', async () => {
    const server = await serve(['--require-auth']);
    try {
      const chat = (headers: Record<string, string>) =>
        fetch(`${server.url}/v1/chat/completions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            model: 'openrouter/google/gemini-2.5-flash-image',
            messages: [{ role: 'user', content: 'a kite' }],
          }),
        });
      expect((await fetch(`${server.url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${server.url}/api/v1/models?output_modalities=image`)).status).toBe(401);
      expect((await chat({})).status).toBe(401);
      for (const path of [
        '/api/v1/images/models',
        '/api/v1/images/models/openai/gpt-image-1/endpoints',
      ]) {
        expect((await fetch(`${server.url}${path}`)).status, path).toBe(401);
      }
      const images = await fetch(`${server.url}/api/v1/images`, {
        method: 'POST',
        body: JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'a kite' }),
      });
      expect(images.status).toBe(401);
      const bearer = { authorization: 'Bearer token-for-tests' };
      expect((await fetch(`${server.url}/v1/models`, { headers: bearer })).status).toBe(200);
      const allowed = await chat(bearer);
      expect(allowed.status).toBe(200);
      await allowed.arrayBuffer();
    } finally {
      await server.stop();
    }
  });

  it('serve on a taken port says the port is in use, and exits 2', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const taken = await runCli(['serve', '--port', String(port)]);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain(`port ${port} is already in use on 127.0.0.1`);
      expect(taken.stderr).not.toContain('Invalid option');
    } finally {
      holder.close();
    }
  });

  it('serve with a fixtures folder that is missing names it, and exits 2', async () => {
    const missing = join(tmpdir(), 'lunos-no-such-fixtures');
    const result = await runCli(['serve', '--port', '0', '--fixtures', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot load fixtures from ${missing}: no such folder`);
  });

  it('rejects bad flags with a clear message and exit code 2', async () => {
    const bad = await runCli(['serve', '--timing', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid option --timing');
    const noUpstream = await runCli(['record']);
    expect(noUpstream.code).toBe(2);
    expect(noUpstream.stderr).toContain('--upstream');
  });
});
