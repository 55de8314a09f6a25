import { useEffect } from 'preact/hooks';
import type { Appearance } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { useRequest } from '../../utils/use-request';

export type Theme = Appearance['theme'];

/**
 * The user's theme from the Appearance settings, applied to the page as
 * <html data-theme>. 'auto' (also while loading, or if the request fails)
 * follows prefers-color-scheme. `revision` changes when settings may have.
 */
export function useTheme(revision: number): Theme {
  const appearance = useRequest(() => request({ type: 'getAppearance' }), [revision]);
  const theme = appearance.status === 'ready' ? appearance.value.theme : 'auto';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
