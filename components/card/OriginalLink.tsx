import { isWebUrl } from '../../src/dataset/web-url';
import { t } from '../../utils/i18n';

/**
 * "Open original": an ordinary link to where a source was published, opened
 * in a new tab with no opener and no referrer, so the publisher learns
 * neither the page being read nor the extension. The address comes from the
 * store, which took only http(s) on import; it is checked again here, where
 * it is put into a page, and anything else shows no link. Only the reader's
 * own click follows it: a click a page script makes (isTrusted false) is
 * cancelled, as every other card control ignores one (overlay/trusted.ts).
 */
export function OriginalLink({ url, class: className, label }: { url: string | undefined; class: string; label?: string }) {
  if (url === undefined || !isWebUrl(url)) return null;
  return (
    <a
      class={className}
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={label}
      data-testid="open-original"
      onClick={(event) => {
        if (!event.isTrusted) event.preventDefault();
      }}
    >
      {t('openOriginal')}
    </a>
  );
}
