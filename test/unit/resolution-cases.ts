/**
 * The one table of cases for the contextual rule. resolution.test.ts runs
 * every case through the compiler's path (the blocks read as one article) and
 * the page's path (the blocks as paragraphs of a page), and both must give
 * exactly `shows`.
 */
import type { Alias } from '../../src/dataset/schema';

/** A full alias is a string; a contextual one is `{ contextual: 'text' }`; any other is an alias as the format writes it. */
type AliasSpec = string | { contextual: string } | Alias;

/** One name that shows: the block it is in, its text, and the ids of the entities it may be. */
export type Shown = [block: number, text: string, entities: string[]];

export interface ResolutionCase {
  name: string;
  entities: Record<string, AliasSpec[]>;
  /** Each entity's `related` list. */
  related?: Record<string, string[]>;
  /** Paragraphs of a page; the compiler reads them as one article. */
  blocks: string[];
  shows: Shown[];
  /** Then these blocks are removed from the page (from the article), and `shows` is what remains. */
  then?: { remove: number[]; shows: Shown[] };
}

const DANIEL_ZHANG = {
  'daniel-zhang': ['Daniel Zhang', { text: 'Zhang Yong', needsContext: true }, { contextual: 'Zhang' }, { text: '张勇', needsContext: true }],
  alibaba: ['Alibaba', '阿里巴巴'],
  haidilao: ['Haidilao'],
};
const JACK_MA = { 'jack-ma': ['Jack Ma', { contextual: 'Ma' }, '马云'] };

export const RESOLUTION_CASES: ResolutionCase[] = [
  {
    name: 'a contextual alias stays where its entity is named in full',
    entities: JACK_MA,
    blocks: ['Jack Ma arrived. Then, Ma said so.'],
    shows: [
      [0, 'Jack Ma', ['jack-ma']],
      [0, 'Ma', ['jack-ma']],
    ],
  },
  {
    name: 'a contextual alias alone is dropped',
    entities: JACK_MA,
    blocks: ['Ma said so.'],
    shows: [],
  },
  {
    name: 'a contextual alias needs its own entity named, not another',
    entities: { ...JACK_MA, alibaba: ['Alibaba'] },
    blocks: ['Alibaba grew. Ma said so.'],
    shows: [[0, 'Alibaba', ['alibaba']]],
  },
  {
    name: 'a dropped contextual name does not hide a full name beneath it',
    entities: { apple: ['Apple'], 'apple-daily': [{ contextual: 'Apple Daily' }] },
    blocks: ['Apple Daily reported.'],
    shows: [[0, 'Apple', ['apple']]],
  },
  {
    name: 'a confirmed contextual name keeps its whole span',
    entities: { apple: ['Apple'], 'apple-daily': ['Apple Daily News', { contextual: 'Apple Daily' }] },
    blocks: ['Apple Daily reported.', 'Apple Daily News closed.'],
    shows: [
      [0, 'Apple Daily', ['apple-daily']],
      [1, 'Apple Daily News', ['apple-daily']],
    ],
  },
  {
    name: 'a full name confirms a contextual one in another block',
    entities: JACK_MA,
    blocks: ['Ma said so.', 'Jack Ma came.'],
    shows: [
      [0, 'Ma', ['jack-ma']],
      [1, 'Jack Ma', ['jack-ma']],
    ],
  },
  {
    name: 'a contextual name goes when the full name that confirmed it is removed',
    entities: JACK_MA,
    blocks: ['Ma said so.', 'Jack Ma came.', 'Later, Ma left.'],
    shows: [
      [0, 'Ma', ['jack-ma']],
      [1, 'Jack Ma', ['jack-ma']],
      [2, 'Ma', ['jack-ma']],
    ],
    then: { remove: [1], shows: [] },
  },
  {
    name: 'a removed contextual name gives back the full name beneath it',
    entities: { apple: ['Apple'], 'apple-daily': ['Apple Daily News', { contextual: 'Apple Daily' }] },
    blocks: ['Apple Daily reported.', 'Apple Daily News closed.'],
    shows: [
      [0, 'Apple Daily', ['apple-daily']],
      [1, 'Apple Daily News', ['apple-daily']],
    ],
    then: { remove: [1], shows: [[0, 'Apple', ['apple']]] },
  },
  {
    name: 'a name shared by two entities keeps the one named in full when the other is contextual',
    entities: { alibaba: ['Alibaba', { contextual: 'Ali' }], 'ali-restaurant': ['Ali'] },
    blocks: ['Ali opened.'],
    shows: [[0, 'Ali', ['ali-restaurant']]],
  },
  {
    name: 'a name shared by two entities keeps both once the contextual one is confirmed',
    entities: { alibaba: ['Alibaba', { contextual: 'Ali' }], 'ali-restaurant': ['Ali'] },
    blocks: ['Alibaba grew.', 'Ali opened.'],
    shows: [
      [0, 'Alibaba', ['alibaba']],
      [1, 'Ali', ['ali-restaurant', 'alibaba']],
    ],
  },
  {
    name: 'Chinese script: full names need no word boundary, and a contextual one needs confirming',
    entities: { 'jack-ma': ['Jack Ma', '马云'], alibaba: ['阿里巴巴', { contextual: '阿里' }], taobao: ['淘宝'] },
    blocks: ['阿里巴巴的马云说', '阿里的员工和淘宝'],
    shows: [
      [0, '阿里巴巴', ['alibaba']],
      [0, '马云', ['jack-ma']],
      [1, '阿里', ['alibaba']],
      [1, '淘宝', ['taobao']],
    ],
    then: { remove: [0], shows: [[1, '淘宝', ['taobao']]] },
  },
  {
    name: 'Chinese script: a dropped contextual name does not hide a full name beneath it',
    entities: { apple: ['苹果'], 'apple-daily': [{ contextual: '苹果日报' }] },
    blocks: ['苹果日报报道'],
    shows: [[0, '苹果', ['apple']]],
  },
  {
    name: 'no name matches inside a longer word',
    entities: { ...JACK_MA, alibaba: ['Alibaba'] },
    blocks: ['Jack Ma met Mama, Jack Mahon and the Alibabas.'],
    shows: [[0, 'Jack Ma', ['jack-ma']]],
  },
  {
    name: 'full names beneath two dropped contextual names show once',
    entities: { fruit: [{ contextual: 'red apple' }], graph: [{ contextual: 'pie chart' }], dessert: ['apple pie'] },
    blocks: ['the red apple pie chart'],
    shows: [[0, 'apple pie', ['dessert']]],
  },
  {
    name: 'a full name beneath a dropped contextual one never displaces a name that stays',
    entities: { colour: ['red'], fruit: [{ contextual: 'red apple' }], dessert: ['apple pie'], graph: ['pie chart'] },
    blocks: ['the red apple pie chart'],
    shows: [
      [0, 'red', ['colour']],
      [0, 'pie chart', ['graph']],
    ],
  },
  // Names that need context.
  {
    name: 'a name that needs context is dropped on a page that names neither its entity nor a related one',
    entities: DANIEL_ZHANG,
    related: { 'daniel-zhang': ['alibaba'] },
    blocks: ['Zhang Yong founded a hotpot chain.', 'Haidilao opened.'],
    shows: [[1, 'Haidilao', ['haidilao']]],
  },
  {
    name: 'a name that needs context counts where a related entity is named, and goes with it',
    entities: DANIEL_ZHANG,
    related: { 'daniel-zhang': ['alibaba'] },
    blocks: ['Alibaba named a chairman.', 'Zhang Yong spoke.'],
    shows: [
      [0, 'Alibaba', ['alibaba']],
      [1, 'Zhang Yong', ['daniel-zhang']],
    ],
    then: { remove: [0], shows: [] },
  },
  {
    name: 'support works across scripts',
    entities: DANIEL_ZHANG,
    related: { 'daniel-zhang': ['alibaba'] },
    blocks: ['阿里巴巴发布公告', 'Zhang Yong spoke, and so did 张勇.'],
    shows: [
      [0, '阿里巴巴', ['alibaba']],
      [1, 'Zhang Yong', ['daniel-zhang']],
      [1, '张勇', ['daniel-zhang']],
    ],
  },
  {
    name: 'a name that needs context counts where its entity is named by a name that needs none',
    entities: DANIEL_ZHANG,
    blocks: ['Daniel Zhang arrived.', '张勇表示'],
    shows: [
      [0, 'Daniel Zhang', ['daniel-zhang']],
      [1, '张勇', ['daniel-zhang']],
    ],
  },
  {
    name: 'a related entity does not confirm a short contextual alias',
    entities: DANIEL_ZHANG,
    related: { 'daniel-zhang': ['alibaba'] },
    blocks: ['Alibaba grew.', 'Zhang said so.'],
    shows: [[0, 'Alibaba', ['alibaba']]],
  },
  {
    name: 'a supported full name confirms the short alias of its entity',
    entities: DANIEL_ZHANG,
    related: { 'daniel-zhang': ['alibaba'] },
    blocks: ['Alibaba grew.', 'Zhang Yong spoke.', 'Zhang said so.'],
    shows: [
      [0, 'Alibaba', ['alibaba']],
      [1, 'Zhang Yong', ['daniel-zhang']],
      [2, 'Zhang', ['daniel-zhang']],
    ],
    then: { remove: [0], shows: [] },
  },
  {
    name: 'a name that needs context names no one where each sharer lacks support',
    entities: { ...DANIEL_ZHANG, 'zhang-yong-haidilao': [{ text: 'Zhang Yong', needsContext: true }] },
    related: { 'daniel-zhang': ['alibaba'], 'zhang-yong-haidilao': ['haidilao'] },
    blocks: ['Zhang Yong spoke.'],
    shows: [],
  },
  {
    name: 'of two entities sharing a name that needs context, the page keeps the supported one',
    entities: { ...DANIEL_ZHANG, 'zhang-yong-haidilao': [{ text: 'Zhang Yong', needsContext: true }] },
    related: { 'daniel-zhang': ['alibaba'], 'zhang-yong-haidilao': ['haidilao'] },
    blocks: ['Haidilao opened.', 'Zhang Yong spoke.'],
    shows: [
      [0, 'Haidilao', ['haidilao']],
      [1, 'Zhang Yong', ['zhang-yong-haidilao']],
    ],
  },
  {
    name: 'a dropped name that needs context does not hide a full name beneath it',
    entities: { apple: ['Apple'], 'apple-daily': ['Apple Daily Ltd', { text: 'Apple Daily', needsContext: true }] },
    blocks: ['Apple Daily reported.'],
    shows: [[0, 'Apple', ['apple']]],
  },
  // Case.
  {
    name: 'an all-capital acronym matches only in capitals',
    entities: { afp: ['Agence France-Presse', 'AFP'] },
    blocks: ['Photo: AFP', 'the afp file and an Afp note'],
    shows: [[0, 'AFP', ['afp']]],
  },
  {
    name: 'a case-sensitive alias matches only with its own case',
    entities: { 'time-news': [{ text: 'Time News', caseSensitive: true }] },
    blocks: ['by the time news of the deal broke', 'Time News reported it.', 'TIME NEWS'],
    shows: [[1, 'Time News', ['time-news']]],
  },
  {
    name: 'an acronym may be matched in any case when its alias says so',
    entities: { nasa: [{ text: 'NASA', caseSensitive: false }] },
    blocks: ['Nasa said'],
    shows: [[0, 'Nasa', ['nasa']]],
  },
];
