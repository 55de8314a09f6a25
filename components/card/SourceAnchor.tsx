import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import { trusted } from '../../overlay/trusted';
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
 * A link to the source viewer; either way, activating it hands over to
 * onOpenSource, and only the reader's own click or key does. On an extension
 * page it has the viewer's href, built by sourceHref, never taken from the
 * data. In a web page there is no sourceHref: the extension's URL (in
 * Firefox unique to the install, so a tracking id) must not be in the DOM,
 * so the link has none and answers Enter and Space itself.
 */
export function SourceAnchor({ env, link, class: className, label, title, children }: SourceAnchorProps) {
  const open = trusted((event: Event) => {
    event.preventDefault();
    env.onOpenSource(link);
  });
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLAnchorElement>) => {
    if (event.key === 'Enter' || event.key === ' ') open(event);
  };
  const href = env.sourceHref?.(link);
  return href === undefined ? (
    <a class={className} role="link" tabIndex={0} aria-label={label} title={title} onClick={open} onKeyDown={onKeyDown}>
      {children}
    </a>
  ) : (
    <a class={className} href={href} aria-label={label} title={title} onClick={open}>
      {children}
    </a>
  );
}
