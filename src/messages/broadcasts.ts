import { z } from '../dataset/z';
import { messageUnion, type AnyMessage } from './message-table';

/**
 * What the background tells every content script and extension page, declared
 * once. Extension pages validate with `broadcastSchema`; content scripts with
 * the zod-free `parseBroadcast` (page-messages.ts), which a unit test holds
 * to this declaration.
 */
export const broadcasts = {
  /** Site switches or the appearance changed. */
  settingsChanged: { params: z.strictObject({}) },
  /** A dataset was imported, removed, enabled or disabled. */
  datasetsChanged: { params: z.strictObject({}) },
};

export type Broadcast = AnyMessage<typeof broadcasts>;
export const broadcastSchema = messageUnion(broadcasts);
