import './switch.css';

interface SwitchProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  describedBy?: string | undefined;
  /** Keeps the label for assistive technology only, where a column header or heading already says it. */
  hideLabel?: boolean;
  testId: string;
}

/** An on/off switch: a button with role="switch", its label inside, so the whole row is the target. */
export function Switch({ label, checked, onChange, disabled = false, describedBy, hideLabel = false, testId }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      class="switch"
      aria-checked={checked}
      aria-describedby={describedBy}
      disabled={disabled}
      data-testid={testId}
      onClick={() => onChange(!checked)}
    >
      <span class={hideLabel ? 'switch-label visually-hidden' : 'switch-label'}>{label}</span>
      <span class="switch-track" aria-hidden="true">
        <span class="switch-thumb" />
      </span>
    </button>
  );
}
