/**
 * Wraps an event handler so that it runs only for the reader's own input.
 * A page can dispatch pointer, key and click events at will (isTrusted is
 * false on those); none of them may open, drive or read the card.
 */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
