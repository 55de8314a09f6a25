import { Fragment } from 'preact';
import type { Alias } from '../../src/dataset/schema';
import type { EntityRecord } from '../../src/messages/protocol';
import { t } from '../../utils/i18n';

/** The names besides the heading's, each once (case aside), in dataset order. */
function otherAliases({ entity }: { entity: EntityRecord }): Alias[] {
  const seen = new Set([fold(entity.name)]);
  const others: Alias[] = [];
  for (const alias of entity.aliases) {
    const key = fold(alias.text);
    if (seen.has(key)) continue;
    seen.add(key);
    others.push(alias);
  }
  return others;
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

export function AliasList({ entity }: { entity: EntityRecord }) {
  const aliases = otherAliases({ entity });
  if (aliases.length === 0) return null;
  return (
    <p class="fl-aka">
      <span class="fl-label">{t('cardAlsoKnownAs')}</span>{' '}
      {aliases.map((alias, i) => (
        <Fragment key={alias.text}>
          {i > 0 && t('listSeparator')}
          {/* lang lets screen readers switch voice, and the browser pick fitting glyphs: Han characters differ between Chinese and Japanese fonts. */}
          <span class="fl-alias" lang={alias.lang}>
            {alias.text}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
