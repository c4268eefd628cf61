import { useEffect, useState } from 'react';

export type Theme = 'system' | 'light' | 'dark';

/** The only thing the playground keeps in localStorage (the key never is). */
export const THEME_KEY = 'lunos-image-playground:theme';

function readTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Light, dark, or whatever the system prefers (the default). Applied as `data-theme` on the root
 * element; the stylesheet does the rest with `color-scheme` and custom properties. Kept across
 * reloads in localStorage.
 */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(readTheme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage can be off (private mode, a policy): the theme then lasts for this visit.
    }
  }, [theme]);
  return [theme, setTheme];
}
