/** "≈" before a date the dataset inferred from context rather than read from a source. */
export function InferredMark() {
  return (
    <span class="fl-inferred" role="img" aria-label="date inferred from context" title="date inferred from context">
      ≈
    </span>
  );
}
