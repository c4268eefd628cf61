import { useEffect, useState } from 'react';

export type Theme = 'system' | 'light' | 'dark';

/**
 * Light, dark, or whatever the system prefers (the default). Applied as `data-theme` on the root
 * element; the stylesheet does the rest with `color-scheme` and custom properties.
 */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
  return [theme, setTheme];
}
