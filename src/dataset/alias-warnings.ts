import { foldText } from '../text/fold';
import { COMMON_WORDS } from './common-words';
import { jsonPath, problem, type Problem } from './problem';
import type { Dataset } from './schema';

/**
 * Aliases that are valid but will mark text the author did not mean: they
 * are imported as given, and the importer is told. A one-character alias
 * matches that character wherever it stands alone (a contextual one only
 * where it is a capital, on pages that name the entity in full). A common
 * word as a non-contextual alias matches on nearly every English page; as a
 * contextual alias it needs the full name nearby, which is what contextual is for.
 */
export function aliasWarnings(dataset: Pick<Dataset, 'entities'>): Problem[] {
  const warnings: Problem[] = [];
  dataset.entities.forEach((entity, e) => {
    entity.aliases.forEach((alias, a) => {
      const folded = foldText(alias.text).trim();
      const path = jsonPath(['entities', e, 'aliases', a, 'text']);
      if ([...folded].length === 1) {
        warnings.push({ path, ...problem(alias.contextual ? 'problemOneCharAliasContextual' : 'problemOneCharAlias', alias.text) });
      } else if (!alias.contextual && COMMON_WORDS.has(folded)) {
        warnings.push({ path, ...problem('problemCommonWord', alias.text) });
      }
    });
  });
  return warnings;
}
