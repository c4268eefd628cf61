import { useChat } from '@ai-sdk/react';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { type ChatTransport, convertToModelMessages, streamText, type UIMessage } from 'ai';
import type { ReactElement } from 'react';
import { prompt } from './scenario';
import { scenariosOf, type ViewProps } from './scenarios-of';

/**
 * What the AI SDK's docs have a route handler do (`streamText` with the OpenRouter provider, then
 * the UI message stream), run in-process instead of behind HTTP: the OpenRouter bytes reach the
 * provider exactly as the replay sends them, with no server hop to re-chunk or delay them.
 */
function openRouterTransport(fetch: typeof globalThis.fetch): ChatTransport<UIMessage> {
  const openrouter = createOpenRouter({ apiKey: 'bench', fetch });
  return {
    async sendMessages({ messages, abortSignal }) {
      const result = streamText({
        model: openrouter.chat('google/gemini-2.5-flash-image', {
          extraBody: { modalities: ['image', 'text'] },
        }),
        messages: await convertToModelMessages(messages),
        abortSignal,
      });
      return result.toUIMessageStream();
    },
    async reconnectToStream() {
      return null;
    },
  };
}

type Props = ViewProps<ChatTransport<UIMessage>>;

function textOf(message: UIMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function imagesOf(message: UIMessage | undefined) {
  return (message?.parts ?? []).filter(
    (part) => part.type === 'file' && part.mediaType.startsWith('image/'),
  );
}

function useProbedChat({ probe, source, throttleMs }: Props) {
  const chat = useChat({
    transport: source,
    ...(throttleMs !== undefined && { throttle: throttleMs }),
    onFinish: ({ message }) => {
      probe.finalText = textOf(message);
      probe.finalImages = imagesOf(message).length;
      probe.settled = true;
    },
    onError: () => {
      probe.settled = true;
    },
  });
  probe.start = () => void chat.sendMessage({ text: prompt });
  return chat;
}

function FullView(props: Props): ReactElement {
  const { status, messages } = useProbedChat(props);
  const last = messages.at(-1);
  const answer = last?.role === 'assistant' ? last : undefined;
  const text = textOf(answer);
  const images = imagesOf(answer);
  props.probe.shown = { status, text, images: images.length };
  return (
    <section>
      <p>{status}</p>
      <p>{text}</p>
      {images.map((image) =>
        image.type === 'file' ? <img key={image.url} src={image.url} alt="" /> : null,
      )}
    </section>
  );
}

function StatusView(props: Props): ReactElement {
  const { status } = useProbedChat(props);
  props.probe.shown = { status };
  return <p>{status}</p>;
}

function TextView(props: Props): ReactElement {
  const { messages } = useProbedChat(props);
  const last = messages.at(-1);
  const text = textOf(last?.role === 'assistant' ? last : undefined);
  props.probe.shown = { status: props.probe.shown.status, text };
  return <p>{text}</p>;
}

/** The peer: `@ai-sdk/react`'s `useChat` over `streamText` with `@openrouter/ai-sdk-provider`. */
export const useChatScenarios = scenariosOf<ChatTransport<UIMessage>>(
  { full: FullView, status: StatusView, text: TextView },
  openRouterTransport,
);
