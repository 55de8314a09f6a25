import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CARD_DELAY } from '../../src/limits';
import type { Appearance } from '../../src/messages/protocol';
import { t, type MessageKey } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';
import { useRequest } from '../../utils/use-request';

const HIGHLIGHT_CHOICES: readonly { value: Appearance['highlightStyle']; label: MessageKey }[] = [
  { value: 'both', label: 'highlightBoth' },
  { value: 'wash', label: 'highlightWash' },
  { value: 'underline', label: 'highlightUnderline' },
];

const THEME_CHOICES: readonly { value: Appearance['theme']; label: MessageKey }[] = [
  { value: 'auto', label: 'themeAuto' },
  { value: 'light', label: 'themeLight' },
  { value: 'dark', label: 'themeDark' },
];

const OPEN_CARDS_CHOICES: readonly { value: Appearance['openCards']; label: MessageKey }[] = [
  { value: 'hover', label: 'openCardsHover' },
  { value: 'shift', label: 'openCardsShift' },
  { value: 'shortcut', label: 'openCardsShortcut' },
];

/**
 * The section's anchor: the card's settings button opens options.html#appearance
 * (entrypoints/background/handlers.ts).
 */
const ANCHOR = 'appearance';

type Status = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** How highlights and cards look; every change is saved at once. */
export function AppearanceSection() {
  const stored = useRequest(() => request({ type: 'getAppearance' }), []);
  const [status, setStatus] = useState<Status>(null);
  // The delay shown while the slider moves; saved when it is let go.
  const [delayDraft, setDelayDraft] = useState<number | null>(null);
  const headingId = useId();
  const delayId = useId();
  const delayHintId = useId();
  useBroadcast('settingsChanged', stored.reload);
  const appearance = stored.status === 'ready' ? stored.value : null;
  const section = useRef<HTMLElement>(null);
  const loaded = appearance !== null;
  // The page draws itself after load, too late for the browser to scroll to the anchor.
  useEffect(() => {
    if (loaded && location.hash === `#${ANCHOR}`) section.current?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  async function save(change: Partial<Appearance>) {
    if (!appearance) return;
    setStatus({ kind: 'saving' });
    try {
      await stored.change({ ...appearance, ...change }, () => request({ type: 'setAppearance', appearance: change }));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: t('statusNotSaved', errorMessage(error)) });
    }
  }

  const delay = delayDraft ?? appearance?.cardDelayMs ?? 0;

  return (
    <section ref={section} id={ANCHOR} aria-labelledby={headingId} data-testid="appearance">
      <h2 id={headingId}>{t('appearanceHeading')}</h2>
      {stored.status === 'error' && (
        <p class="error" role="alert">
          {t('appearanceLoadError', stored.error)}
        </p>
      )}
      {stored.status === 'loading' && <p>{t('loading')}</p>}
      {appearance && (
        <>
          <RadioGroup
            legend={t('appearanceOpenCards')}
            name="openCards"
            choices={OPEN_CARDS_CHOICES}
            value={appearance.openCards}
            onChange={(openCards) => void save({ openCards })}
          />
          <RadioGroup
            legend={t('appearanceHighlightStyle')}
            name="highlightStyle"
            choices={HIGHLIGHT_CHOICES}
            value={appearance.highlightStyle}
            onChange={(highlightStyle) => void save({ highlightStyle })}
          />
          <div class="field">
            <label for={delayId}>{t('appearanceCardDelay')}</label>
            <div class="range-row">
              <input
                id={delayId}
                name="cardDelayMs"
                type="range"
                min={CARD_DELAY.min}
                max={CARD_DELAY.max}
                step={CARD_DELAY.step}
                value={delay}
                aria-describedby={delayHintId}
                aria-valuetext={t('appearanceMilliseconds', String(delay))}
                onInput={(e) => setDelayDraft(e.currentTarget.valueAsNumber)}
                onChange={(e) => {
                  const cardDelayMs = clampDelay(e.currentTarget.valueAsNumber);
                  setDelayDraft(null);
                  if (cardDelayMs !== appearance.cardDelayMs) void save({ cardDelayMs });
                }}
              />
              <output for={delayId} data-testid="card-delay-value">
                {t('appearanceMilliseconds', String(delay))}
              </output>
            </div>
            <p id={delayHintId} class="hint">
              {t('appearanceCardDelayHint')}
            </p>
          </div>
          <RadioGroup
            legend={t('appearanceCardTheme')}
            name="theme"
            choices={THEME_CHOICES}
            value={appearance.theme}
            onChange={(theme) => void save({ theme })}
          />
        </>
      )}
      <p class="status" role="status" data-testid="appearance-status">
        {status?.kind === 'saving' && t('statusSaving')}
        {status?.kind === 'saved' && t('statusSaved')}
        {status?.kind === 'error' && <span class="error">{status.message}</span>}
      </p>
    </section>
  );
}

function clampDelay(value: number): number {
  if (!Number.isFinite(value)) return CARD_DELAY.min;
  const stepped = Math.round(value / CARD_DELAY.step) * CARD_DELAY.step;
  return Math.min(CARD_DELAY.max, Math.max(CARD_DELAY.min, stepped));
}

function RadioGroup<T extends string>(props: {
  legend: string;
  name: string;
  choices: readonly { value: T; label: MessageKey }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => (
        <label key={choice.value}>
          <input
            type="radio"
            name={props.name}
            value={choice.value}
            checked={props.value === choice.value}
            onChange={() => props.onChange(choice.value)}
          />
          {t(choice.label)}
        </label>
      ))}
    </fieldset>
  );
}
