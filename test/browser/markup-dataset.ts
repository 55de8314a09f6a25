import { DATASET_FORMAT, type Dataset } from '../../src/dataset/schema';

/**
 * A valid dataset whose every free-text field carries markup and script
 * (tags with handlers, <script>, javascript: URLs). Rendered anywhere as HTML,
 * it would set window.__pwned or add <img>, <script>, <iframe> or a
 * javascript: link; rendered as text, as it must be, it shows verbatim.
 */
const PWN = 'window.__pwned=1';
const IMG = `<img src=x onerror="${PWN}">`;
const LINK = `<a href="javascript:${PWN}">click</a>`;

export const MARKUP_NAME = `Mallory ${IMG} Markup`;
export const MARKUP_ORG_NAME = `<b onmouseover="${PWN}">Evil</b> Org`;
export const MARKUP_DESCRIPTION = `<script>${PWN}</script>${LINK} javascript:alert(1)`;
export const MARKUP_ROLE = `${IMG}Chief <iframe src="javascript:${PWN}"></iframe>`;
export const MARKUP_SOURCE_TITLE = `${IMG} Leaked memo`;
const MARKUP_PUBLISHER = 'javascript:alert(1)';

/** The page the test opens: it names both entities by their plain aliases. */
export const MARKUP_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Markup</title></head>
<body><p id="text" style="margin-top: 200px">Mallory Markup met the board of Evilcorp Holdings on Monday.</p></body></html>`;

const text = `Mallory Markup wrote ${IMG} and <script>${PWN}</script> to Evilcorp Holdings, then linked javascript:${PWN} again.`;
const sentence = text;
const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });

export function markupDataset(): Dataset {
  return {
    format: DATASET_FORMAT,
    id: 'markup-test',
    name: `Markup ${IMG}`,
    version: '1',
    description: MARKUP_DESCRIPTION,
    sources: [{ id: 'memo', title: MARKUP_SOURCE_TITLE, publisher: MARKUP_PUBLISHER, published: '2024', text }],
    entities: [
      {
        id: 'mallory',
        name: MARKUP_NAME,
        type: 'person',
        description: MARKUP_DESCRIPTION,
        aliases: [{ text: 'Mallory Markup' }, { text: `Mallory ${LINK}` }],
        roles: [
          {
            title: MARKUP_ROLE,
            organization: 'evil-org',
            start: '2024',
            evidence: [{ source: 'memo', quote: text, start: 0, end: text.length }],
          },
        ],
        mentions: [{ source: 'memo', ...at('Mallory Markup'), sentence, sentenceStart: 0 }],
      },
      {
        id: 'evil-org',
        name: MARKUP_ORG_NAME,
        type: 'organization',
        description: LINK,
        aliases: [{ text: 'Evilcorp Holdings' }],
        roles: [],
        mentions: [{ source: 'memo', ...at('Evilcorp Holdings'), sentence, sentenceStart: 0 }],
      },
    ],
  };
}
