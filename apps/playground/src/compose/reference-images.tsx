import { type DragEvent, useId, useRef, useState } from 'react';
import { useObjectUrls } from './use-object-urls';

/** The input image types the API documents (api-wire-format §2.1). */
const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const MAX_FILES = 4;
const MAX_BYTES = 8 * 1024 * 1024;
// Binary units, as the limit is: formatBytes would say 8.4 MB for 8 MiB.
const MAX_LABEL = '8 MiB';

// Two picked files can share a name; React needs a key that tells them apart.
const keys = new WeakMap<File, number>();
let nextKey = 1;
function keyOf(file: File): number {
  let key = keys.get(file);
  if (key === undefined) {
    key = nextKey++;
    keys.set(file, key);
  }
  return key;
}

export interface ReferenceImagesProps {
  files: readonly File[];
  onChange(files: readonly File[]): void;
  /** False when the chosen model does not take image input. */
  supported: boolean;
  disabled?: boolean;
}

/** Drop or pick up to four images to edit or use as references; sent as `image_url` parts. */
export function ReferenceImages({ files, onChange, supported, disabled }: ReferenceImagesProps) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string>();
  const urls = useObjectUrls(files);

  function add(list: FileList | null) {
    if (!list) return;
    const picked = [...list];
    const refused = picked.filter((f) => !ACCEPTED.includes(f.type) || f.size > MAX_BYTES);
    const fitting = picked.filter((f) => !refused.includes(f));
    const room = MAX_FILES - files.length;
    const kept = fitting.slice(0, Math.max(0, room));
    const over = fitting.slice(kept.length);
    // Every file left out is named, for each reason: nothing is dropped without a word.
    const problems = [
      refused.length > 0 &&
        `Skipped ${refused.map((f) => f.name).join(', ')}: PNG, JPEG, WebP or GIF up to ${MAX_LABEL}.`,
      over.length > 0 &&
        `Skipped ${over.map((f) => f.name).join(', ')}: at most ${MAX_FILES} reference images.`,
    ].filter(Boolean);
    setProblem(problems.length > 0 ? problems.join(' ') : undefined);
    if (kept.length > 0) onChange([...files, ...kept]);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (supported && !disabled) add(event.dataTransfer.files);
  }

  return (
    <fieldset className="field references" disabled={disabled || !supported}>
      <legend className="field-label">
        Reference images <span className="field-note">optional</span>
      </legend>
      {!supported ? (
        <p className="hint">This model does not take image input.</p>
      ) : (
        <section
          aria-label="Reference images"
          className={`dropzone${dragging ? ' is-dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {files.length > 0 && (
            <ul className="thumbs">
              {files.map((file) => (
                <li key={keyOf(file)} className="thumb" data-testid="reference-thumb">
                  {urls.get(file) && <img src={urls.get(file)} alt={file.name} />}
                  <button
                    type="button"
                    className="thumb-remove"
                    aria-label={`Remove ${file.name}`}
                    onClick={() => {
                      // A warning about an earlier pick is stale once the user changes the set.
                      setProblem(undefined);
                      onChange(files.filter((f) => f !== file));
                    }}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {files.length < MAX_FILES && (
            <p className="dropzone-text">
              Drop images here or{' '}
              <button type="button" className="link" onClick={() => input.current?.click()}>
                choose files
              </button>
            </p>
          )}
          <input
            ref={input}
            id={inputId}
            className="visually-hidden"
            type="file"
            accept={ACCEPTED.join(',')}
            multiple
            // Out of the tab order: "choose files" is the keyboard's way in, and this input is
            // invisible, so focus on it would be lost.
            tabIndex={-1}
            aria-label="Choose reference images"
            onChange={(event) => {
              add(event.target.files);
              event.target.value = '';
            }}
          />
        </section>
      )}
      {problem && <p className="hint is-warning">{problem}</p>}
    </fieldset>
  );
}
