/**
 * Benchmark inputs: the three dictionaries (bundled, 10k and 100k generated
 * entities; non-contextual aliases only) and, per dictionary, a seeded 1 MB
 * English and 1 MB Chinese text with names from that dictionary inserted.
 *
 * Texts use single spaces and no combining marks, so foldText maps them 1:1
 * per code unit and competitors can search the folded text at the same offsets.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seededRandom, syntheticEntities } from '../scripts/lib/synthetic-dataset';
import { patternsFromEntities } from '../src/dataset/patterns';
import type { Entity } from '../src/dataset/schema';
import type { Pattern } from '../src/matcher';
import { charClass, CJK } from '../src/text/fold';

const TEXT_BYTES = 1_000_000;
/** One inserted name per this many characters on average (English); Chinese uses a third of it. */
const MENTION_EVERY = 400;

export interface DictionaryInput {
  label: string;
  patterns: Pattern[];
}

export interface BenchText {
  label: 'English' | 'Chinese';
  text: string;
  /** UTF-8 bytes: the unit of every MB/s figure. */
  bytes: number;
}

function nonContextual(entities: readonly Pick<Entity, 'aliases' | 'type'>[]): Pattern[] {
  return patternsFromEntities(entities).filter((p) => !p.contextual);
}

export function dictionaries(): DictionaryInput[] {
  const bundled = JSON.parse(readFileSync(resolve(import.meta.dirname, '../assets/dataset.json'), 'utf8')) as { entities: Entity[] };
  return [
    { label: `bundled (${bundled.entities.length} entities)`, patterns: nonContextual(bundled.entities) },
    { label: '10,000 entities', patterns: nonContextual(syntheticEntities({ count: 10_000 })) },
    { label: '100,000 entities', patterns: nonContextual(syntheticEntities({ count: 100_000 })) },
  ];
}

export function isHanName(text: string): boolean {
  return charClass(text.charCodeAt(0)) === CJK;
}

const EN_WORDS = (
  'the a of to and in on for with by from at as said says that this after before during while year week ' +
  'government company market report official board meeting shares investors price growth economy policy ' +
  'trade city province state group plan deal talks new former chief executive president chairman minister ' +
  'announced told reporters statement quarter revenue profit rose fell percent million billion local national ' +
  'industry sector bank court law project support leaders visit economic public private analysts expected'
).split(' ');
const EN_PUNCT = ['.', '.', '.', ',', ';', ':'];
const ZH_CHARS =
  '的是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const ZH_PUNCT = ['，', '，', '。', '、', '；'];

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Filler words with a name inserted every ~`every` characters. `names` come
 * from the dictionary in use, so the text is ~1 name per `every` characters.
 */
function makeText(label: BenchText['label'], names: readonly string[], seed: number): BenchText {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const zh = label === 'Chinese';
  const every = zh ? MENTION_EVERY / 3 : MENTION_EVERY;
  const parts: string[] = [];
  let bytes = 0;
  let sinceName = 0;
  let nextName = every * (0.5 + rnd());
  let sentenceLeft = 0;
  const push = (s: string) => {
    parts.push(s);
    bytes += utf8Length(s);
    sinceName += s.length;
  };
  while (bytes < TEXT_BYTES) {
    if (sentenceLeft === 0) {
      if (parts.length > 0) push(zh ? '。' : '. ');
      sentenceLeft = 6 + Math.floor(rnd() * 16);
      if (!zh) {
        const w = pick(EN_WORDS);
        push(w[0]!.toUpperCase() + w.slice(1));
        sentenceLeft--;
        continue;
      }
    }
    if (sinceName >= nextName && names.length > 0) {
      push(zh ? pick(names) : ` ${pick(names)}`);
      sinceName = 0;
      nextName = every * (0.5 + rnd());
    } else if (zh) {
      push(ZH_CHARS[Math.floor(rnd() * ZH_CHARS.length)]! + ZH_CHARS[Math.floor(rnd() * ZH_CHARS.length)]!);
      if (rnd() < 0.08) push(pick(ZH_PUNCT));
    } else {
      push(` ${pick(EN_WORDS)}`);
      if (rnd() < 0.05) push(pick(EN_PUNCT));
    }
    sentenceLeft--;
  }
  const text = parts.join('');
  return { label, text, bytes: utf8Length(text) };
}

/** The English and Chinese texts for one dictionary. */
export function textsFor(dictionary: DictionaryInput, seed = 7): BenchText[] {
  const latin = dictionary.patterns.map((p) => p.text).filter((t) => !isHanName(t));
  const han = dictionary.patterns.map((p) => p.text).filter(isHanName);
  return [makeText('English', latin, seed), makeText('Chinese', han, seed + 1)];
}
