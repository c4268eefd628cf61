import type { ImageModel } from '@lunos-image/core';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { modelKey } from './model-key';
import { ModelSummary } from './model-summary';

export interface ModelPickerProps {
  models: readonly ImageModel[];
  value: ImageModel | undefined;
  onChange(model: ImageModel): void;
  loading: boolean;
  disabled?: boolean;
}

/**
 * The image-capable models of the connection's catalogs (chat, and OpenRouter's Images API), with
 * the price of an image when the catalog allows one and badges for image-only and Images API models. A listbox (not a `<select>`) so each row can show
 * that; arrow keys, Home/End, Enter and Escape work as in a native select.
 */
export function ModelPicker({ models, value, onChange, loading, disabled }: ModelPickerProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    list.current?.focus();
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  useEffect(() => {
    if (open)
      list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  function show() {
    setActive(
      Math.max(
        0,
        models.findIndex((m) => value !== undefined && modelKey(m) === modelKey(value)),
      ),
    );
    setOpen(true);
  }

  function choose(model: ImageModel | undefined) {
    if (model) onChange(model);
    setOpen(false);
    button.current?.focus();
  }

  function onListKey(event: KeyboardEvent) {
    const last = models.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, active + 1),
      ArrowUp: Math.max(0, active - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, active + 5),
      PageUp: Math.max(0, active - 5),
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(models[active]);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      // Escape closes the list; it must not also stop a running generation.
      if (event.key === 'Escape') event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  }

  return (
    <div className="field model-picker" ref={root}>
      <span className="field-label" id={`${listId}-label`}>
        Model {!loading && <span className="field-note">{models.length} image models</span>}
      </span>
      <button
        ref={button}
        type="button"
        className="model-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={listId}
        aria-labelledby={`${listId}-label ${listId}-value`}
        disabled={disabled || loading || models.length === 0}
        onClick={() => (open ? setOpen(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show();
          }
        }}
      >
        <span id={`${listId}-value`}>
          {value ? (
            <ModelSummary model={value} />
          ) : (
            <span className="muted">{loading ? 'Loading models…' : 'No image models'}</span>
          )}
        </span>
        <span className="chevron" aria-hidden="true" />
      </button>
      {open && (
        <div
          ref={list}
          id={listId}
          className="model-list"
          role="listbox"
          tabIndex={-1}
          aria-labelledby={`${listId}-label`}
          aria-activedescendant={`${listId}-${active}`}
          onKeyDown={onListKey}
        >
          {models.map((model, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for its options (aria-activedescendant)
            <div
              key={modelKey(model)}
              id={`${listId}-${i}`}
              data-index={i}
              role="option"
              tabIndex={-1}
              aria-selected={value !== undefined && modelKey(model) === modelKey(value)}
              className={`model-option${i === active ? ' is-active' : ''}`}
              onPointerEnter={() => setActive(i)}
              onClick={() => choose(model)}
            >
              <ModelSummary model={model} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
