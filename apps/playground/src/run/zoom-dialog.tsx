import { useEffect, useRef } from 'react';
import type { RunImage } from '../gallery/run-record';
import { ImageActions } from './image-actions';
import { imageSizeText } from './image-size-text';

export interface ZoomDialogProps {
  image: RunImage;
  alt: string;
  runLabel: string;
  onClose(): void;
}

/**
 * The image at full size in a modal dialog (focus stays inside; Escape, Close or a click beside
 * the image closes it), with its size, Copy image and Download.
 */
export function ZoomDialog({ image, alt, runLabel, onClose }: ZoomDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; Escape is the dialog's own key
    <dialog
      ref={dialog}
      className="zoom"
      aria-label="Image at full size"
      data-testid="zoom"
      // StrictMode's effect replay closes and reopens the dialog: only a close that stuck counts.
      onClose={() => {
        if (!dialog.current?.open) onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) dialog.current?.close();
      }}
    >
      <div className="zoom-body">
        <img src={image.url} alt={alt} data-testid="zoom-image" />
      </div>
      <div className="zoom-bar">
        <span>{imageSizeText(image)}</span>
        <ImageActions image={image} runLabel={runLabel} />
        <button type="button" className="button is-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
