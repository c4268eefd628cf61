import { aspectStyle } from './aspect-style';
import { ImageCard } from './image-card';
import { PreviewCard } from './preview-card';
import type { RunSlot, RunView } from './run-view';

export interface ImageSlotsProps {
  view: RunView;
  /** The run is live and going: empty slots wait, previews show. */
  running: boolean;
  runLabel: string;
  prompt: string;
}

/** Which slots are on show: all while it runs or once it succeeded; else those with an image. */
function shownSlots(view: RunView, running: boolean): readonly RunSlot[] {
  if (running || view.status === 'success') return view.slots;
  return view.slots.filter((slot) => slot.image);
}

/**
 * The images of a run, one slot each (a grid when there are several): while it runs, slot `i`
 * shows its final image, else its latest preview, else a frame waiting for it. Once it succeeded,
 * each slot shows its image, or why it has none: the error that ended it (the other images are
 * kept), or that the model did not make it (`n` is an upper bound). A stopped or failed run shows
 * the images that came.
 */
export function ImageSlots({ view, running, runLabel, prompt }: ImageSlotsProps) {
  const slots = shownSlots(view, running);
  const count = slots.length;
  const of = (slot: number) => (count > 1 ? `Image ${slot + 1} of ${count}` : 'The image');
  const alt = (slot: number) => (count > 1 ? `${prompt} (image ${slot + 1} of ${count})` : prompt);
  const frame = (slot: RunSlot, testId: string, text: string, className = '') => (
    <div
      key={`${slot.status}${slot.index}`}
      className={`image-placeholder${className}`}
      style={aspectStyle(view.aspectRatio)}
      data-testid={testId}
      data-slot={slot.index}
      aria-hidden={slot.status === 'waiting' ? 'true' : undefined}
    >
      <span>{text}</span>
    </div>
  );
  return (
    <div
      className={`images${count > 1 ? ' is-grid' : ''}`}
      data-testid="image-slots"
      data-slots={count}
    >
      {slots.map((slot) => {
        const position = slot.index;
        if (slot.image) {
          return (
            <ImageCard
              key={`${slot.image.index}-${slot.image.url}`}
              image={slot.image}
              runLabel={runLabel}
              alt={alt(position)}
            />
          );
        }
        if (slot.preview) {
          return (
            <PreviewCard key={`p${position}`} preview={slot.preview} slotLabel={of(position)} />
          );
        }
        const label = count > 1 ? `${of(position)} · ` : '';
        if (slot.status === 'failed') {
          return frame(
            slot,
            'slot-failed',
            `${label}Failed: ${slot.error ?? 'no reason given'}`,
            ' is-failed',
          );
        }
        if (slot.status === 'not-made') {
          return frame(
            slot,
            'slot-not-made',
            `${label}Not made: the model returned fewer images than asked for`,
            ' is-not-made',
          );
        }
        return frame(
          slot,
          'slot-placeholder',
          `${label}${view.status === 'streaming' ? 'Receiving…' : 'Waiting for the image…'}`,
        );
      })}
    </div>
  );
}
