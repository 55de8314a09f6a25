/**
 * How Factlens's one page element (the card's shadow host) is named and
 * found, in one place: the content script mounts it under this name, and a
 * successor finds the hosts a torn-down predecessor left by it. Whoever
 * changes how the host is made changes both here.
 */
export const PAGE_HOST_NAME = 'factlens-card';

/** Page elements that are Factlens hosts (left by a predecessor, when called before this script mounts its own). */
export function findPageHosts(doc: Document): Element[] {
  return [...doc.querySelectorAll(PAGE_HOST_NAME)];
}
