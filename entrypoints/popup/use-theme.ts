import { useEffect, useState } from 'preact/hooks';
import type { Appearance } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

export type Theme = Appearance['theme'];

/**
 * The user's theme from the Appearance settings, applied to the page as
 * <html data-theme>. 'auto' (also while loading, or if the request fails)
 * follows prefers-color-scheme. `revision` changes when settings may have.
 */
export function useTheme(revision: number): Theme {
  const [theme, setTheme] = useState<Theme>('auto');
  useEffect(() => {
    let current = true;
    request({ type: 'getAppearance' }).then(
      (appearance) => current && setTheme(appearance.theme),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [revision]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
