import { useCallback, useEffect, useState } from 'preact/hooks';
import { CARD_DELAY } from '../../src/limits';
import type { Appearance } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';

const HIGHLIGHT_CHOICES: readonly { value: Appearance['highlightStyle']; label: string }[] = [
  { value: 'both', label: 'Wash and underline' },
  { value: 'wash', label: 'Wash' },
  { value: 'underline', label: 'Underline' },
];

const THEME_CHOICES: readonly { value: Appearance['theme']; label: string }[] = [
  { value: 'auto', label: 'Auto (as the system)' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];


type Status = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** How highlights and cards look; every change is saved at once. */
export function AppearanceSection() {
  const [appearance, setAppearance] = useState<Appearance | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  // The delay shown while the slider moves; saved when it is let go.
  const [delayDraft, setDelayDraft] = useState<number | null>(null);

  const load = useCallback(() => {
    request({ type: 'getAppearance' }).then(
      (value) => {
        setAppearance(value);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(`Could not load the appearance settings: ${errorMessage(error)}`),
    );
  }, []);
  useEffect(load, [load]);
  useBroadcast('settingsChanged', load);

  async function save(change: Partial<Appearance>) {
    if (!appearance) return;
    const before = appearance;
    setAppearance({ ...appearance, ...change });
    setStatus({ kind: 'saving' });
    try {
      setAppearance(await request({ type: 'setAppearance', appearance: change }));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setAppearance(before);
      setStatus({ kind: 'error', message: `Not saved: ${errorMessage(error)}` });
    }
  }

  const delay = delayDraft ?? appearance?.cardDelayMs ?? 0;

  return (
    <section aria-labelledby="appearance-heading" data-testid="appearance">
      <h2 id="appearance-heading">Appearance</h2>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      {appearance === null && !loadError && <p>Loading…</p>}
      {appearance && (
        <>
          <RadioGroup
            legend="Highlight style"
            name="highlightStyle"
            choices={HIGHLIGHT_CHOICES}
            value={appearance.highlightStyle}
            onChange={(highlightStyle) => void save({ highlightStyle })}
          />
          <div class="field">
            <label for="card-delay">Card delay</label>
            <div class="range-row">
              <input
                id="card-delay"
                name="cardDelayMs"
                type="range"
                min={CARD_DELAY.min}
                max={CARD_DELAY.max}
                step={CARD_DELAY.step}
                value={delay}
                aria-describedby="card-delay-hint"
                aria-valuetext={`${delay} ms`}
                onInput={(e) => setDelayDraft(e.currentTarget.valueAsNumber)}
                onChange={(e) => {
                  const cardDelayMs = clampDelay(e.currentTarget.valueAsNumber);
                  setDelayDraft(null);
                  if (cardDelayMs !== appearance.cardDelayMs) void save({ cardDelayMs });
                }}
              />
              <output for="card-delay" data-testid="card-delay-value">
                {delay} ms
              </output>
            </div>
            <p id="card-delay-hint" class="hint">
              How long the pointer rests on a name before its card opens.
            </p>
          </div>
          <RadioGroup
            legend="Card theme"
            name="theme"
            choices={THEME_CHOICES}
            value={appearance.theme}
            onChange={(theme) => void save({ theme })}
          />
        </>
      )}
      <p class="status" role="status" data-testid="appearance-status">
        {status?.kind === 'saving' && 'Saving…'}
        {status?.kind === 'saved' && 'Saved'}
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
  choices: readonly { value: T; label: string }[];
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
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
