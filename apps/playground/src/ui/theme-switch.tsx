import type { Theme } from './use-theme';

const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<Theme, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };
const ICON: Record<Theme, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles Auto → Light → Dark. */
export function ThemeSwitch({ theme, onChange }: { theme: Theme; onChange(theme: Theme): void }) {
  return (
    <button
      type="button"
      className="button is-ghost is-small"
      aria-label={`Theme: ${LABEL[theme]}. Switch to ${LABEL[NEXT[theme]]}`}
      title={`Theme: ${LABEL[theme]}`}
      onClick={() => onChange(NEXT[theme])}
    >
      <span aria-hidden="true">{ICON[theme]}</span>
      <span className="theme-label">{LABEL[theme]}</span>
    </button>
  );
}
