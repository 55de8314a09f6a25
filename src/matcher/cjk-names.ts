import { charClass, foldedUnit, IGNORED } from '../text/fold';
import type { Dictionary } from './dictionary';
import type { Match } from './scan';

/**
 * Where a person's name written in Han may end: Chinese writes no spaces, so
 * "马云" is also the start of "马云飞", another man, and "陈数" the start of
 * "陈数学". A person's Han name counts only where each Han neighbour is one
 * that commonly stands next to a name and seldom inside one: a function word
 * (的, 和, 在), a verb of saying (说, 表示), the end of a title (主席, 董事长,
 * 创始人), a time word. Any other Han neighbour makes it no match: a missed
 * name costs less trust than a card over the wrong man. A neighbour that is
 * not Han (punctuation, a space, Latin, kana, Hangul) is always a boundary.
 *
 * A table rather than Intl.Segmenter: the segmenter cuts most names into
 * single characters ("马/云/飞"), so it says nothing at a name's edge, and its
 * dictionary differs between engines and ICU versions, so the compiler in
 * Node and pages in Chromium and Firefox could disagree. A table is the same
 * everywhere. Measured on test/unit/fixtures/cjk-names.txt (README).
 *
 * Entries are written Simplified; neighbours are compared folded, so a
 * Traditional page's 說 and 表示 count too. Characters that often end or start
 * a given name (强, 明, 成, 文…) are left out even where they often follow a
 * name; their common words are listed whole instead (成为, 强调).
 */

/** One character after a name that ends it. */
const AFTER = new Set(
  [...'说称表指认讲谈道问答告透坦笑补宣呼提介写回曾也又还都就才却则便即亦仍已并而但把被让给对向从于由以为因等之所这那此每其他她们的了着过得地很是在和与及或同跟今昨将会要想能可不没未再更最早当时后前近第先女总董氏君老本亲创担出任接率带牵调现相处辞卸退加离来去到自作做看听见主觉希坚获访一'],
);
/** Two characters after a name that end it, where the first alone may be part of a name. */
const AFTER_WORDS = new Set([
  '成为', '成立', '成功', '强调', '承认', '承诺', '发表', '发布', '发言', '发现', '发出', '收购', '参加', '参与',
  '视察', '考察', '领导', '相信', '随后', '身为', '作为', '旗下', '名下', '家族', '夫妇', '先生', '女士', '本人',
]);
/** One character before a name that ends what comes before it: titles, relations, function words. */
const BEFORE = new Set(
  [...'的了和与及或同跟对向给让被把由是为在据请问称说道见找像如连令使派选叫有过着即而但并也都就还又将曾从于以等因当前后长席裁官人记理授师家员友事手导任者士总董监书编委伙板督帅客宾姐哥爷叔兄弟妻夫子女父母偶谢赞夸评诉访邀陪随助帮替代比似经按依凭靠至往到自年月日时天今昨早晚次位名个里内外中下上'],
);

/**
 * Compound surnames (复姓): "长孙海涛" is a Zhangsun, not a Sun, even after
 * 长, which otherwise ends a title (董事长). The character before a name must
 * not make one with the name's first.
 */
const COMPOUND_SURNAMES = new Set([
  '司马', '欧阳', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容', '公孙', '长孙', '仲孙', '夏侯', '宇文', '尉迟', '端木',
  '西门', '南宫', '独孤', '司徒', '司空', '轩辕', '呼延', '申屠', '太史', '万俟', '闻人', '澹台', '公冶', '宗政', '濮阳',
  '淳于', '单于', '太叔', '钟离', '鲜于', '闾丘', '司寇', '百里', '东郭', '左丘', '公羊', '谷梁', '拓跋', '赫连',
]);

/** Han in the Basic Multilingual Plane: the unified ideographs, extension A, the compatibility block, 々 and 〇. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005 || c === 0x3007;
}

function folded(c: number): string {
  return String.fromCharCode(foldedUnit(c));
}

/** Whether the Han name at [start, end) of `text` stands apart from the Han around it. */
export function hanNameBounded(text: string, start: number, end: number): boolean {
  if (isHan(text.charCodeAt(start))) {
    let k = start - 1;
    while (k >= 0 && charClass(text.charCodeAt(k)) === IGNORED) k--;
    if (k >= 0 && isHan(text.charCodeAt(k))) {
      const before = folded(text.charCodeAt(k));
      if (!BEFORE.has(before) || COMPOUND_SURNAMES.has(before + folded(text.charCodeAt(start)))) return false;
    }
  }
  let last = end - 1;
  while (last > start && charClass(text.charCodeAt(last)) === IGNORED) last--;
  if (isHan(text.charCodeAt(last))) {
    let j = end;
    while (j < text.length && charClass(text.charCodeAt(j)) === IGNORED) j++;
    if (j < text.length && isHan(text.charCodeAt(j))) {
      const next = folded(text.charCodeAt(j));
      if (!AFTER.has(next) && !(j + 1 < text.length && AFTER_WORDS.has(next + folded(text.charCodeAt(j + 1))))) return false;
    }
  }
  return true;
}

/**
 * The matches with every person's pattern that fails hanNameBounded taken
 * out, and a match left with none dropped. Other names (阿里巴巴集团) are
 * untouched: an organization's name inside a longer word is still it.
 */
export function boundHanNames(d: Dictionary, text: string, matches: Match[]): Match[] {
  let out: Match[] | null = null;
  for (let m = 0; m < matches.length; m++) {
    const match = matches[m]!;
    let patterns = match.patterns;
    if (patterns.some((p) => d.person[p] === 1) && !hanNameBounded(text, match.start, match.end)) {
      patterns = patterns.filter((p) => d.person[p] !== 1);
    }
    if (patterns === match.patterns) {
      out?.push(match);
      continue;
    }
    out ??= matches.slice(0, m);
    if (patterns.length > 0) out.push({ ...match, patterns });
  }
  return out ?? matches;
}
