import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { quietOnceGone } from '../../overlay/abortable-request';
import { removeLeftoverSheets } from '../../overlay/highlight-style';
import type { request as requestFn } from '../../utils/messaging';

/** How often an idle content script checks that its extension is still there. */
export const CONTEXT_CHECK_MS = 1000;

type Ctx = Pick<ContentScriptContext, 'isInvalid' | 'setInterval'>;

/**
 * Makes a content script go quiet once its extension is reloaded, updated or
 * removed while the page stays open. Chromium leaves the old script running,
 * but every extension API call then throws "Extension context invalidated".
 * WXT's ctx only notices when asked (ctx.isInvalid reads runtime.id) or when a
 * newer copy of the script starts in the same page, so this asks: before
 * every request, and every second while idle. Invalidation then runs the
 * ctx.onInvalidated callbacks, which take the overlay down.
 *
 * The returned request never settles once the context is gone, rather than
 * rejecting, so no caller logs an error for what is an expected end.
 */
export function quietWhenOrphaned({ ctx, request }: { ctx: Ctx; request: typeof requestFn }): typeof requestFn {
  // ctx.setInterval checks ctx.isValid before each tick; that check is the point.
  ctx.setInterval(() => {}, CONTEXT_CHECK_MS);
  return quietOnceGone({ request, gone: () => ctx.isInvalid });
}

/**
 * Removes what a previous instance of this content script left in the page.
 * Firefox injects the new script into open tabs when the extension is
 * reloaded or updated, but tears the old one down without running its
 * cleanup, so the old highlight sheet would stay (a card left
 * open stays visible). Chromium injects nothing into open tabs, so there is
 * never a predecessor there: the orphaned script cleans up after itself.
 *
 * Called only when this script is about to start an overlay: on a site that
 * is off, the page must see nothing change, not even a clean-up. The old
 * highlight is not deleted: it cannot be told apart from one the page made
 * under the same name, and the new overlay's own replaces it.
 */
export function clearPredecessor({ doc }: { doc: Document }): void {
  // Its page host goes when the new overlay mounts its own (overlay/page-host.ts).
  removeLeftoverSheets(doc);
}
