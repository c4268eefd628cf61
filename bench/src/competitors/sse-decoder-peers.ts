import { packageVersion } from '../harness/package-version';
import {
  type DecodeToChunks,
  eventsourceParserToChunks,
  openaiToChunks,
  openrouterToChunks,
} from './sse-decoders';

export type SseDecoderPeerKey = 'eventsource-parser' | 'openai' | 'openrouter';

export interface SseDecoderPeer {
  /** Short key for bars and notes. */
  key: SseDecoderPeerKey;
  /** Printed name with the installed version. */
  name: string;
  toChunks: DecodeToChunks;
}

/** The peers' SSE decoders, as every speed benchmark prints and runs them. */
export function sseDecoderPeers(): SseDecoderPeer[] {
  return [
    {
      key: 'eventsource-parser',
      name: `eventsource-parser ${packageVersion('eventsource-parser')} + JSON.parse`,
      toChunks: eventsourceParserToChunks,
    },
    {
      key: 'openai',
      name: `openai ${packageVersion('openai')} Stream`,
      toChunks: openaiToChunks,
    },
    {
      key: 'openrouter',
      name: `@openrouter/sdk ${packageVersion('@openrouter/sdk')} EventStream`,
      toChunks: openrouterToChunks,
    },
  ];
}
