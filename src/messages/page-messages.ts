import type { Broadcast } from './broadcasts';
import type { TabRequest } from './tab-requests';

/**
 * Validators for the messages a content script receives: broadcasts from
 * the background, and questions from the popup and the keyboard command.
 * Hand-written rather than zod schemas because the content script runs on
 * every page and every kilobyte it carries is parsed on every page load.
 * The messages are declared in broadcasts.ts and tab-requests.ts (type-only
 * imports here, so no zod is bundled); test/unit/page-messages.test.ts holds
 * these validators to those declarations.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

export function parseBroadcast(value: unknown): Broadcast | null {
  if (!isPlainObject(value) || !onlyKeys(value, ['type'])) return null;
  return value.type === 'settingsChanged' || value.type === 'datasetsChanged' ? { type: value.type } : null;
}

export function parseTabRequest(value: unknown): TabRequest | null {
  if (!isPlainObject(value)) return null;
  if (value.type === 'getPageInfo' && onlyKeys(value, ['type'])) return { type: 'getPageInfo' };
  if (value.type === 'getSite' && onlyKeys(value, ['type'])) return { type: 'getSite' };
  if (
    value.type === 'revealEntity' &&
    onlyKeys(value, ['type', 'key']) &&
    typeof value.key === 'string' &&
    value.key.length >= 1 &&
    value.key.length <= 401
  ) {
    return { type: 'revealEntity', key: value.key };
  }
  return null;
}
