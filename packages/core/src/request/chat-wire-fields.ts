/** Variables the chat route sends as they are, under their snake_case name. */
export const CHAT_WIRE_FIELDS = [
  'temperature',
  'topP',
  'topK',
  'seed',
  'maxTokens',
  'maxCompletionTokens',
  'stop',
  'frequencyPenalty',
  'presencePenalty',
  'repetitionPenalty',
  'minP',
  'topA',
  'user',
  'sessionId',
  'metadata',
  'observability',
] as const;

/** Those of them the Images API has too. */
export const SHARED_WIRE_FIELDS: ReadonlySet<string> = new Set(['seed', 'user', 'sessionId']);
