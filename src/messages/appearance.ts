/** The reader's appearance settings, zod-free so the content script can use the defaults. */
export const HIGHLIGHT_STYLES = ['wash', 'underline', 'both'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;
/** When a card opens: the pointer resting on a name, only while Shift is held, or only with the keyboard shortcut. */
export const OPEN_CARDS = ['hover', 'shift', 'shortcut'] as const;

export interface Appearance {
  highlightStyle: (typeof HIGHLIGHT_STYLES)[number];
  cardDelayMs: number;
  theme: (typeof THEMES)[number];
  openCards: (typeof OPEN_CARDS)[number];
}

export const DEFAULT_APPEARANCE: Appearance = { highlightStyle: 'both', cardDelayMs: 300, theme: 'auto', openCards: 'hover' };
