/**
 * The 100 most common English words in the Oxford English Corpus, as listed
 * in Wikipedia's "Most common words in English" and packaged by the npm
 * package common-words 0.1.3 (MIT licence, © 2014 Jon Schlinkert), in rank
 * order; then, added by hand, the inflected forms of its verbs and nouns,
 * since the corpus counts "is" and "said" under "be" and "say". Lowercase,
 * as foldText leaves them.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  // The corpus's top 100.
  'the', 'be', 'to', 'of', 'and', 'a', 'in', 'that', 'have', 'i',
  'it', 'for', 'not', 'on', 'with', 'he', 'as', 'you', 'do', 'at',
  'this', 'but', 'his', 'by', 'from', 'they', 'we', 'say', 'her', 'she',
  'or', 'an', 'will', 'my', 'one', 'all', 'would', 'there', 'their', 'what',
  'so', 'up', 'out', 'if', 'about', 'who', 'get', 'which', 'go', 'me',
  'when', 'make', 'can', 'like', 'time', 'no', 'just', 'him', 'know', 'take',
  'people', 'into', 'year', 'your', 'good', 'some', 'could', 'them', 'see', 'other',
  'than', 'then', 'now', 'look', 'only', 'come', 'its', 'over', 'think', 'also',
  'back', 'after', 'use', 'two', 'how', 'our', 'work', 'first', 'well', 'way',
  'even', 'new', 'want', 'because', 'any', 'these', 'give', 'day', 'most', 'us',
  // Their inflected forms.
  'am', 'is', 'are', 'was', 'were', 'been', 'being',
  'has', 'had', 'having',
  'does', 'did', 'done', 'doing',
  'says', 'said', 'saying',
  'gets', 'got', 'gotten', 'getting',
  'goes', 'went', 'gone', 'going',
  'makes', 'made', 'making',
  'likes', 'liked',
  'knows', 'knew', 'known',
  'takes', 'took', 'taken', 'taking',
  'sees', 'saw', 'seen',
  'looks', 'looked', 'looking',
  'comes', 'came', 'coming',
  'thinks', 'thought',
  'uses', 'used', 'using',
  'works', 'worked', 'working',
  'wants', 'wanted',
  'gives', 'gave', 'given', 'giving',
  'times', 'years', 'days', 'ways', 'ones',
]);
