import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No component shows English the reader cannot have in their own language:
 * words go through t() (utils/i18n.ts, README "Languages"). Flagged: JSX
 * text with a word in it, and string or template literals with a word shown
 * as an element's child or in a user-visible attribute. Strings passed to a
 * call (t('key'), a class name helper) are not shown as they are.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const COMPONENT_DIRS = ['components', 'entrypoints'];
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-valuetext', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'legend', 'message']);
const SHOWN_OPERATORS = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);
/** Two letters in a row: a word. "×", "‹", " — " and "·" are not. */
const WORD = /\p{L}{2}/u;

interface Finding {
  file: string;
  line: number;
  text: string;
}

export function hardCodedStrings(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    findings.push({ file: fileName, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });

  /** Literals in an expression whose value is shown; a call's arguments are not, and elements inside are visited on their own. */
  function shownLiterals(node: ts.Node): void {
    if (ts.isCallExpression(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (WORD.test(node.text)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      if (WORD.test(parts)) report(node, node.getText());
      return;
    }
    // A comparison's operands (status === 'ready') are not shown; what && || ?? + give is.
    if (ts.isBinaryExpression(node) && !SHOWN_OPERATORS.has(node.operatorToken.kind)) return;
    if (ts.isConditionalExpression(node)) {
      shownLiterals(node.whenTrue);
      shownLiterals(node.whenFalse);
      return;
    }
    ts.forEachChild(node, shownLiterals);
  }

  function visit(node: ts.Node): void {
    if (ts.isJsxText(node) && WORD.test(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) shownLiterals(node.expression);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) {
        if (WORD.test(node.initializer.text)) report(node, node.getText());
      } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) shownLiterals(node.initializer.expression);
    }
    ts.forEachChild(node, visit);
  }
  visit(file);
  return findings;
}

function componentFiles(): string[] {
  return COMPONENT_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
}

describe('hard-coded strings', () => {
  it('finds none in the components and extension pages', () => {
    const files = componentFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => hardCodedStrings(relative(ROOT, file), readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('finds English in JSX text, shown expressions and visible attributes, and not in keys, classes or symbols', () => {
    const source = `
      const a = <p class="status" data-testid="x-y">Loading…</p>;
      const b = <button aria-label="Close" title={t('cardCloseTitle')}>×</button>;
      const c = <span>{busy ? 'Saving…' : ''}</span>;
      const d = <Switch label={\`Show on \${host}\`} testId="site-toggle" />;
      const e = <input placeholder={t('sitesPlaceholder')} type="search" />;
      const f = <span>{d.bundled && ' (bundled)'}{t('navNext')} ‹ — {count}</span>;
      const g = <img alt="logo" src="a.png" />;
      const h = <div>{ok && <p class="notice">{t('viewerOutOfRange')}</p>}{state === 'ready' ? null : 'Wait'}</div>;
    `;
    expect(hardCodedStrings('sample.tsx', source).map((f) => f.text)).toEqual([
      'Loading…',
      'aria-label="Close"',
      'Saving…',
      '`Show on ${host}`',
      '(bundled)',
      'alt="logo"',
      'Wait',
    ]);
  });
});
