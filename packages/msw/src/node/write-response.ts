import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Ends the connection with a TCP reset where Node allows it: what a real server crash looks like. */
export function resetConnection(req: IncomingMessage): void {
  const socket = req.socket as IncomingMessage['socket'] & { resetAndDestroy?: () => void };
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Writes a fetch `Response` to a Node response: status and headers first (flushed, so SSE
 * clients see them before the first event), then the body chunk by chunk, waiting for `drain`
 * when the socket's buffer is full. A body that errors resets the connection; a client that goes
 * away cancels the body (which stops the replay's timers).
 */
export async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.type === 'error') {
    resetConnection(req);
    return;
  }
  const headers: Record<string, string> = { ...extraHeaders };
  response.headers.forEach((value, name) => {
    // Node frames the body itself; a stale length or encoding would corrupt it.
    if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding') {
      headers[name] = value;
    }
  });
  res.writeHead(response.status, headers);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  let clientGone = false;
  let lastWrite: Uint8Array | undefined;
  const onClose = () => {
    if (!res.writableFinished) {
      clientGone = true;
      reader.cancel().catch(() => {});
    }
  };
  res.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (clientGone) return;
      if (!res.write(value)) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      lastWrite = value;
    }
    res.end();
  } catch {
    if (clientGone) return;
    // A reset throws away whatever the kernel has not sent yet: let what was written before the
    // fault go out first, then reset (a client must see the events that came before the drop).
    if (lastWrite)
      await new Promise<void>((resolve) => res.write(new Uint8Array(0), () => resolve()));
    resetConnection(req);
  } finally {
    res.off('close', onClose);
  }
}
