type TPart = { type: 'text'; content: string };

/** The text parts of a message's `content` (a string, or parts of which only text is kept). */
function textParts(content: unknown): TPart[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (!Array.isArray(content)) return [];
  const parts: TPart[] = [];
  for (const part of content) {
    const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
    if (type === 'text' && typeof text === 'string') parts.push({ type: 'text', content: text });
  }
  return parts;
}

/**
 * The prompt as the GenAI conventions' `gen_ai.input.messages` (JSON): `prompt`, or the text of
 * each of `messages`. Reference images and images of earlier turns are left out: never image data
 * in a span. Undefined when there is no text.
 */
export function inputMessages(prompt: unknown, messages: unknown): string | undefined {
  const out: { role: string; parts: TPart[] }[] = [];
  if (typeof prompt === 'string') out.push({ role: 'user', parts: textParts(prompt) });
  if (Array.isArray(messages)) {
    for (const message of messages) {
      const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
      const parts = textParts(content);
      if (typeof role === 'string' && parts.length > 0) out.push({ role, parts });
    }
  }
  return out.length > 0 ? JSON.stringify(out) : undefined;
}
