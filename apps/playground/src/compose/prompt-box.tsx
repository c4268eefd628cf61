import { useId } from 'react';

export interface PromptBoxProps {
  value: string;
  onChange(value: string): void;
  /** Enter (without Shift, outside an IME composition) asks to generate. */
  onSubmit(): void;
}

/** The prompt. Enter generates, Shift+Enter adds a line, Escape (anywhere) stops. */
export function PromptBox({ value, onChange, onSubmit }: PromptBoxProps) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Prompt
      </label>
      <textarea
        id={id}
        className="prompt"
        rows={4}
        value={value}
        placeholder="A lighthouse on a cliff at dusk, waves crashing below"
        aria-describedby={`${id}-keys`}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
      <p id={`${id}-keys`} className="hint keys">
        <kbd>Enter</kbd> generate · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line · <kbd>Esc</kbd> stop
      </p>
    </div>
  );
}
