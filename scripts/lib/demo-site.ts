import type { Source } from '../../src/dataset/schema';
import { formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';

/**
 * "The Demo Gazette": a small news site built from a dataset's sources, for
 * `npm start` and the browser tests. Pure: it returns the site as a Map from
 * URL path ("/", "/articles/<id>.html") to HTML, for startStaticServer().
 *
 * The markup is meant to exercise the overlay, as a real news site would:
 * - each article has a few ordinary words wrapped in <em> and <a>;
 * - the first article that names "Jack Ma" in its body splits that name once
 *   across inline elements: <a href="#">Jack</a> <span>Ma</span>;
 * - every article page carries a <script type="application/json"> blob and a
 *   comment <textarea> that both contain names, which must NOT be highlighted;
 * - the first article appends a paragraph naming "Daniel Zhang" 1.5 s after
 *   load, and its "Load one more paragraph" button appends another per click.
 * Nothing is loaded from the network: styles and scripts are inline.
 */
type DemoSource = Pick<Source, 'id' | 'title'> & { text: string } &
  Partial<Pick<Source, 'publisher' | 'published' | 'publishedInferred'>>;

export interface DemoDataset {
  sources: readonly DemoSource[];
  /** When given, words that occur in any alias are never picked for <em>/<a> wrapping. */
  entities?: readonly { aliases: readonly { text: string }[] }[];
}

const DEMO_SITE_NAME = 'The Demo Gazette';
const SPLIT_NAME = 'Jack Ma';
export const LATE_NAME = 'Daniel Zhang';
/** How long after load the first article appends its late paragraph. */
export const LATE_PARAGRAPH_DELAY_MS = 1500;

export function articlePath(id: string): string {
  return `/articles/${encodeURIComponent(id)}.html`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside <script>: no "</script>" or "<!--" can appear. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function dateLabel(source: DemoSource): string | null {
  const date = source.published === undefined ? null : parsePartialDate(source.published);
  if (!date) return null;
  const text = formatPartialDate({ date, locale: 'en-GB' });
  return source.publishedInferred ? `≈ ${text}` : text;
}

/** The article's paragraphs, without the first line when it only repeats the headline. */
function bodyParagraphs(source: DemoSource): string[] {
  const lines = source.text.split('\n').filter((line) => line.trim().length > 0);
  if (lines[0]?.trim() === source.title.trim()) lines.shift();
  return lines;
}

// Ordinary words, to be wrapped in inline elements as a news site's links and emphasis would be.
const WRAP_CANDIDATES = [
  'economy',
  'entrepreneurs',
  'e-commerce',
  'company',
  'platform',
  'innovation',
  'teachers',
  'development',
  'digital',
  'market',
  'support',
  'technology',
  'internet',
  'government',
  'private',
  'enterprises',
];
const WRAPS_PER_ARTICLE = 3;

interface Decoration {
  paragraph: number;
  start: number;
  end: number;
  html: (escaped: string) => string;
}

function overlaps(a: Decoration, b: Decoration): boolean {
  return a.paragraph === b.paragraph && a.start < b.end && b.start < a.end;
}

function renderParagraph(text: string, decorations: Decoration[]): string {
  let html = '';
  let at = 0;
  for (const d of [...decorations].sort((a, b) => a.start - b.start)) {
    html += escapeHtml(text.slice(at, d.start)) + d.html(escapeHtml(text.slice(d.start, d.end)));
    at = d.end;
  }
  return html + escapeHtml(text.slice(at));
}

function aliasWords(dataset: DemoDataset): Set<string> {
  const words = new Set<string>();
  for (const entity of dataset.entities ?? []) {
    for (const alias of entity.aliases) for (const w of alias.text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) words.add(w);
  }
  return words;
}

/**
 * Where `needle` first stands as a whole word; names match case-sensitively
 * and must not run on into a longer name ("Jack Ma Foundation").
 */
function findWord(text: string, needle: string, { name }: { name: boolean }): number {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, name ? 'gu' : 'giu');
  for (const m of text.matchAll(pattern)) {
    const after = text.slice(m.index + needle.length);
    if (name && /^\s+\p{Lu}/u.test(after)) continue;
    return m.index;
  }
  return -1;
}

function articleDecorations(paragraphs: string[], { splitName, avoid }: { splitName: boolean; avoid: Set<string> }): Decoration[] {
  const decorations: Decoration[] = [];
  if (splitName) {
    for (let i = 0; i < paragraphs.length; i++) {
      const at = findWord(paragraphs[i]!, SPLIT_NAME, { name: true });
      if (at < 0) continue;
      const [first, last] = SPLIT_NAME.split(' ') as [string, string];
      decorations.push({
        paragraph: i,
        start: at,
        end: at + SPLIT_NAME.length,
        html: () => `<a href="#profile" class="person-link">${escapeHtml(first)}</a> <span class="surname">${escapeHtml(last)}</span>`,
      });
      break;
    }
  }
  let wraps = 0;
  for (const word of WRAP_CANDIDATES) {
    if (wraps >= WRAPS_PER_ARTICLE) break;
    if (avoid.has(word)) continue;
    for (let i = 0; i < paragraphs.length; i++) {
      const at = findWord(paragraphs[i]!, word, { name: false });
      if (at < 0) continue;
      const link = wraps % 2 === 1;
      const decoration: Decoration = {
        paragraph: i,
        start: at,
        end: at + word.length,
        html: (escaped) => (link ? `<a href="#topic-${escapeHtml(word)}">${escaped}</a>` : `<em>${escaped}</em>`),
      };
      if (decorations.some((d) => overlaps(d, decoration))) continue;
      decorations.push(decoration);
      wraps++;
      break;
    }
  }
  return decorations;
}

const STYLE = `
  :root { color-scheme: light dark; --accent: #a4161a; --muted: #6b6b6b; --rule: #d9d4cc; --paper: #fbf9f5; }
  @media (prefers-color-scheme: dark) { :root { --accent: #ff8a80; --muted: #a5a5a5; --rule: #3a3a3a; --paper: #17171a; } }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--paper); font: 17px/1.6 Georgia, 'Times New Roman', serif; }
  a { color: var(--accent); }
  .masthead { text-align: center; padding: 1.25rem 1rem 0.5rem; border-bottom: 3px double var(--rule); }
  .masthead a { color: inherit; text-decoration: none; }
  .masthead .name { font: 700 2.4rem/1.1 'Old English Text MT', Georgia, serif; letter-spacing: 0.02em; margin: 0; }
  .masthead .tagline { font: italic 0.9rem/1.4 Georgia, serif; color: var(--muted); margin: 0.25rem 0 0; }
  nav { display: flex; gap: 1.25rem; justify-content: center; padding: 0.5rem; border-bottom: 1px solid var(--rule);
        font: 600 0.8rem/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; }
  nav a { color: inherit; text-decoration: none; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 16rem; gap: 2.5rem; max-width: 68rem; margin: 2rem auto; padding: 0 1.25rem; }
  @media (max-width: 52rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
  h1.headline { font-size: 2.1rem; line-height: 1.2; margin: 0 0 0.75rem; }
  .byline { font: 0.85rem/1.5 system-ui, sans-serif; color: var(--muted); margin: 0 0 1.5rem; }
  .article-body p { margin: 0 0 1.1em; }
  .article-body p.late { border-left: 3px solid var(--accent); padding-left: 0.75rem; }
  aside { font: 0.92rem/1.5 system-ui, sans-serif; }
  aside h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; border-bottom: 2px solid var(--accent); padding-bottom: 0.25rem; }
  aside ul { list-style: none; padding: 0; margin: 0 0 2rem; }
  aside li { margin: 0 0 0.85rem; }
  .comments { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule); font: 0.92rem/1.5 system-ui, sans-serif; }
  .comments textarea { width: 100%; min-height: 5rem; font: inherit; }
  .tools { margin: 1.5rem 0; font: 0.9rem system-ui, sans-serif; }
  .teaser { margin: 0 0 2rem; padding-bottom: 1.5rem; border-bottom: 1px solid var(--rule); }
  .teaser h2 { margin: 0 0 0.35rem; font-size: 1.45rem; line-height: 1.25; }
  .teaser h2 a { color: inherit; text-decoration: none; }
  .teaser p { margin: 0.35rem 0 0; }
  footer { border-top: 1px solid var(--rule); padding: 1.5rem 1rem 3rem; text-align: center;
           font: 0.8rem/1.5 system-ui, sans-serif; color: var(--muted); }
`;

function page({ title, body }: { title: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="masthead">
  <p class="name"><a href="/">${DEMO_SITE_NAME}</a></p>
  <p class="tagline">All the news that fits in a test fixture</p>
</header>
<nav aria-label="Sections">
  <a href="/">Home</a><a href="/#business">Business</a><a href="/#technology">Technology</a><a href="/#politics">Politics</a><a href="/#opinion">Opinion</a>
</nav>
${body}
<footer>
  <p>${DEMO_SITE_NAME} is a demo site for Factlens. Its articles are the sources of the bundled dataset, reproduced unchanged.</p>
  <p>&copy; ${DEMO_SITE_NAME}. No cookies, no trackers, no network requests.</p>
</footer>
</body>
</html>
`;
}

function byline(source: DemoSource): string {
  const parts = [source.publisher ? `From ${escapeHtml(source.publisher)}` : `${DEMO_SITE_NAME} staff`];
  const date = dateLabel(source);
  if (date) parts.push(`<time datetime="${escapeHtml(source.published ?? '')}">${escapeHtml(date)}</time>`);
  return parts.join(' · ');
}

function teaser(text: string, max = 220): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

const LATE_SCRIPT = (delay: number, name: string) => `<script>
  (() => {
    const body = document.querySelector('.article-body');
    const add = (text) => {
      const p = document.createElement('p');
      p.className = 'late';
      p.textContent = text;
      body.append(p);
    };
    addEventListener('load', () => {
      setTimeout(() => add(${scriptJson(`Update (added after the page loaded): ${name} is named in this late paragraph, so the overlay can be seen picking up new text.`)}), ${delay});
    });
    let more = 0;
    document.getElementById('load-more').addEventListener('click', () => {
      more++;
      add(${scriptJson(`More (loaded on request): another paragraph that names ${name}, number `)} + more + '.');
    });
  })();
</script>`;

function articlePage(source: DemoSource, all: readonly DemoSource[], options: { first: boolean; splitName: boolean; avoid: Set<string> }): string {
  const paragraphs = bodyParagraphs(source);
  const decorations = articleDecorations(paragraphs, options);
  const body = paragraphs
    .map((text, i) => `    <p>${renderParagraph(text, decorations.filter((d) => d.paragraph === i))}</p>`)
    .join('\n');
  const related = all
    .filter((s) => s.id !== source.id)
    .map((s) => `      <li><a href="${articlePath(s.id)}">${escapeHtml(s.title)}</a></li>`)
    .join('\n');
  // Structured data as news sites embed it: it names people, and must never be highlighted.
  const meta = scriptJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: source.title,
    about: [{ '@type': 'Person', name: SPLIT_NAME }, { '@type': 'Person', name: LATE_NAME }],
    publisher: source.publisher ?? DEMO_SITE_NAME,
  });
  return page({
    title: `${source.title} | ${DEMO_SITE_NAME}`,
    body: `<div class="layout">
<main>
  <article data-source="${escapeHtml(source.id)}">
    <h1 class="headline">${escapeHtml(source.title)}</h1>
    <p class="byline">${byline(source)}</p>
    <div class="article-body">
${body}
    </div>
  </article>
${options.first ? `  <div class="tools"><button type="button" id="load-more">Load one more paragraph</button></div>\n` : ''}  <section class="comments" aria-labelledby="comments-heading">
    <h2 id="comments-heading">Comments</h2>
    <form onsubmit="return false">
      <label for="comment">Your comment</label>
      <textarea id="comment" name="comment">I did not expect Jack Ma to step back.</textarea>
      <p><button type="submit">Post comment</button></p>
    </form>
  </section>
</main>
<aside>
  <h2>Related</h2>
  <ul>
${related}
  </ul>
</aside>
</div>
<script type="application/json" id="article-data">${meta}</script>
${options.first ? LATE_SCRIPT(LATE_PARAGRAPH_DELAY_MS, LATE_NAME) : ''}`,
  });
}

function indexPage(sources: readonly DemoSource[]): string {
  const items = sources
    .map((source) => {
      const first = bodyParagraphs(source)[0] ?? '';
      return `  <article class="teaser">
    <h2><a href="${articlePath(source.id)}">${escapeHtml(source.title)}</a></h2>
    <p class="byline">${byline(source)}</p>
    <p>${escapeHtml(teaser(first))}</p>
  </article>`;
    })
    .join('\n');
  return page({
    title: `${DEMO_SITE_NAME}: front page`,
    body: `<div class="layout">
<main>
  <h1 class="headline" id="business">Latest</h1>
${items}
</main>
<aside>
  <h2>About this site</h2>
  <p>A demo news site for trying Factlens: open an article and rest the pointer on a highlighted name.</p>
</aside>
</div>`,
  });
}

export function demoSite({ dataset }: { dataset: DemoDataset }): Map<string, string> {
  const sources = dataset.sources;
  const avoid = aliasWords(dataset);
  const site = new Map<string, string>();
  site.set('/', indexPage(sources));
  const splitIn = sources.findIndex((s) => findWord(bodyParagraphs(s).join('\n'), SPLIT_NAME, { name: true }) >= 0);
  sources.forEach((source, i) => {
    site.set(articlePath(source.id), articlePage(source, sources, { first: i === 0, splitName: i === splitIn, avoid }));
  });
  return site;
}
