import { buildChatRequest } from '../request/build-chat-request';
import { type ChatRequest, chatRequestSchema } from '../schemas/chat-request-schema';
import { ImageStreamInterpreter } from '../stream/image-stream-interpreter';
import { responseToEvents } from '../stream/response-to-events';
import type { GenerationWire } from './generation-wire';

/** `POST /chat/completions` with image modalities: Lunos's and OpenRouter's route. */
export const chatWire: GenerationWire<ChatRequest> = {
  build: buildChatRequest,
  interpreter: (options) => new ImageStreamInterpreter(options),
  answerEvents: responseToEvents,
  requestSchema: chatRequestSchema,
  requestName: 'chat completions request',
  // Text and `image_url` parts over all messages; every model, the fallbacks included.
  requestDemands(request) {
    let promptChars = 0;
    let referenceImages = 0;
    for (const message of request.messages) {
      const content = message.content;
      if (typeof content === 'string') promptChars += content.length;
      else if (Array.isArray(content)) {
        for (const part of content) {
          if (part.type === 'text') promptChars += part.text.length;
          else if (part.type === 'image_url') referenceImages += 1;
        }
      }
    }
    return { modelIds: [request.model, ...(request.models ?? [])], promptChars, referenceImages };
  },
};
