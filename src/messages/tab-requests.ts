import { z } from '../dataset/z';
import type { EntityKey } from './entity-key';
import { messageUnion, result, type AnyMessage, type MessageOf, type ResultIn } from './message-table';

export interface PageInfo {
  host: string;
  /** Whether the overlay is running on this page now. */
  active: boolean;
  entities: { key: EntityKey; count: number }[];
}

/**
 * What the popup and the background ask a page's content script (top frame)
 * through tabs.sendMessage, declared once. The content script validates with
 * the zod-free `parseTabRequest` (page-messages.ts), which a unit test holds
 * to this declaration.
 */
export const tabRequests = {
  getPageInfo: { params: z.strictObject({}), result: result<PageInfo>() },
  /** The page's host as its address shows it: the background asks the top frame which site a tab's other frames follow. */
  getSite: { params: z.strictObject({}), result: result<string>() },
  /** Scrolls to the entity's first mention and flashes it; false when the page has none. */
  revealEntity: { params: z.strictObject({ key: z.string().min(1).max(401) }), result: result<boolean>() },
};

type TabRequests = typeof tabRequests;
export type TabRequestType = keyof TabRequests;
export type TabRequest = AnyMessage<TabRequests>;
export type TabRequestOf<T extends TabRequestType> = MessageOf<TabRequests, T>;
export type TabResponseMap = { [T in TabRequestType]: ResultIn<TabRequests[T]> };
export const tabRequestSchema = messageUnion(tabRequests);
