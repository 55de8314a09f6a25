import type { ComponentChildren } from 'preact';

/** A single entity's name is the card's h2; with several matches a shared header takes h2 and everything moves down one. */
export type HeadingLevel = 2 | 3 | 4;

export function Heading({ level, id, class: className, children }: { level: HeadingLevel; id?: string; class: string; children: ComponentChildren }) {
  if (level === 2) return <h2 id={id} class={className}>{children}</h2>;
  if (level === 3) return <h3 id={id} class={className}>{children}</h3>;
  return <h4 id={id} class={className}>{children}</h4>;
}

export function SectionTitle({ level, children }: { level: HeadingLevel; children: ComponentChildren }) {
  return (
    <Heading level={level} class="fl-section-title">
      {children}
    </Heading>
  );
}
