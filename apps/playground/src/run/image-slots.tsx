import { aspectStyle } from './aspect-style';
import { ImageCard } from './image-card';
import { PreviewCard } from './preview-card';
import type { RunView } from './run-view';

/** 0, 1, … count - 1: a slot's number is its identity (its image keeps its place). */
const slotNumbers = (count: number) => Array.from({ length: count }, (_, slot) => slot);

export interface ImageSlotsProps {
  view: RunView;
  /** The run is live and going: empty slots wait, previews show. */
  running: boolean;
  runLabel: string;
  prompt: string;
}

/**
 * The images of a run, one slot each (a grid when there are several): while it runs, slot `i`
 * shows its final image, else its latest preview, else a frame waiting for it; once it ended,
 * the images it produced (an answer with fewer images than asked for has fewer slots).
 */
export function ImageSlots({ view, running, runLabel, prompt }: ImageSlotsProps) {
  const lastIndex = Math.max(-1, ...view.images.map((image) => image.index));
  const count = running ? Math.max(view.slots, lastIndex + 1) : view.images.length;
  const of = (slot: number) => (count > 1 ? `Image ${slot + 1} of ${count}` : 'The image');
  const alt = (slot: number) => (count > 1 ? `${prompt} (image ${slot + 1} of ${count})` : prompt);
  const card = (image: RunView['images'][number], slot: number) => (
    <ImageCard
      key={`${image.index}-${image.url}`}
      image={image}
      runLabel={runLabel}
      alt={alt(slot)}
    />
  );
  return (
    <div
      className={`images${count > 1 ? ' is-grid' : ''}`}
      data-testid="image-slots"
      data-slots={count}
    >
      {running
        ? slotNumbers(count).map((slot) => {
            const image = view.images.find((i) => i.index === slot);
            if (image) return card(image, slot);
            const preview = view.partials[slot];
            if (preview)
              return <PreviewCard key={`p${slot}`} preview={preview} slotLabel={of(slot)} />;
            return (
              <div
                key={`w${slot}`}
                className="image-placeholder"
                style={aspectStyle(view.aspectRatio)}
                data-testid="slot-placeholder"
                aria-hidden="true"
              >
                <span>
                  {count > 1 ? `${of(slot)} · ` : ''}
                  {view.status === 'streaming' ? 'Receiving…' : 'Waiting for the image…'}
                </span>
              </div>
            );
          })
        : view.images.map(card)}
    </div>
  );
}
