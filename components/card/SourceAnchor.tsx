import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import type { CardEnv, SourceLink } from './types';

interface SourceAnchorProps {
  env: CardEnv;
  link: SourceLink;
  class: string;
  label?: string;
  title?: string;
  children: ComponentChildren;
}

/**
 * A link to the source viewer. The href is only ever built by sourceHref, never
 * taken from the data, and a click hands over to onOpenSource because a page
 * (where the card usually lives) cannot navigate to an extension URL itself.
 */
export function SourceAnchor({ env, link, class: className, label, title, children }: SourceAnchorProps) {
  function onClick(event: TargetedMouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    env.onOpenSource(link);
  }
  return (
    <a class={className} href={env.sourceHref(link)} aria-label={label} title={title} onClick={onClick}>
      {children}
    </a>
  );
}
