import { joinBytes } from '../../image/join-bytes';
import { MAX_CHECKED_LINE_BYTES, WATCHED_TAIL_BYTES } from '../sse-line-relay';
import { TailBytes } from '../tail-bytes';
import type { SpendTicket } from './spend-ticket';

/**
 * Watches a JSON answer relayed as it comes (`stream: false`) for its `usage.cost`: its start and
 * its end are kept (64 KiB and 4 KiB), never the images between them; at the end the whole body,
 * or its start then its end, is shown to the ticket (the usage of both wires comes last).
 */
export function watchBodyUsage(ticket: SpendTicket) {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let total = 0;
  const tail = new TailBytes(WATCHED_TAIL_BYTES);
  return {
    push(chunk: Uint8Array): void {
      total += chunk.length;
      if (headBytes < MAX_CHECKED_LINE_BYTES) {
        const part = chunk.slice(0, MAX_CHECKED_LINE_BYTES - headBytes);
        head.push(part);
        headBytes += part.length;
      }
      tail.push(chunk);
    },
    end(): void {
      ticket.seeText(new TextDecoder().decode(joinBytes(head)));
      if (total > headBytes) ticket.seeText(tail.take());
    },
  };
}
