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

function filesIn(dirs: readonly string[], extension: RegExp): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && extension.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
}

const componentFiles = () => filesIn(COMPONENT_DIRS, /\.tsx$/);

/**
 * The core (src/dataset, src/import) says what is wrong with a file as a
 * problem code of public/_locales (src/dataset/problem.ts), which the options
 * page says in the reader's language. Flagged: words that are not a code as
 * a `message` or `error` property, or as an argument of a schema method that
 * takes a message (zod's min, max, regex, refine…). A code looks like
 * `problemDuplicateEntityId`.
 */
const CORE_DIRS = ['src/dataset', 'src/import'];
const MESSAGE_PROPERTIES = new Set(['message', 'error']);
/** Schema methods and the index of their message argument: z.string().min(1, message), z.number().int(message). */
const MESSAGE_ARGUMENT = new Map([
  ...['min', 'max', 'length', 'regex', 'refine', 'startsWith', 'endsWith', 'includes'].map((name) => [name, 1] as const),
  ...['nonempty', 'int', 'nonnegative', 'positive'].map((name) => [name, 0] as const),
]);
const PROBLEM_CODE = /^problem[A-Z]\w*$/;

export function coreMessages(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const check = (node: ts.Node) => {
    const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : ts.isTemplateExpression(node) ? node.getText() : null;
    if (text !== null && WORD.test(text) && !PROBLEM_CODE.test(text)) {
      findings.push({ file: fileName, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
  };
  function visit(node: ts.Node): void {
    if (ts.isPropertyAssignment(node) && MESSAGE_PROPERTIES.has(node.name.getText())) {
      // An error map, (issue) => '…', says its message by what it returns.
      const value = node.initializer;
      check(ts.isArrowFunction(value) && !ts.isBlock(value.body) ? value.body : value);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const message = node.arguments[MESSAGE_ARGUMENT.get(node.expression.name.text) ?? -1];
      if (message) check(message);
    }
    ts.forEachChild(node, visit);
  }
  visit(file);
  return findings;
}

describe('hard-coded strings', () => {
  it('finds none in what the core says is wrong with a file', () => {
    const files = filesIn(CORE_DIRS, /\.ts$/);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => coreMessages(relative(ROOT, file), readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('finds English messages in the core, and not problem codes or numbers', () => {
    const source = `
      const id = z.string().regex(/^[a-z]+$/, 'must be lowercase').max(200, 'problemTooLong');
      const date = z.string().refine(isPartialDate, 'problemDateFormat').min(1, \`needs \${n} characters\`);
      problems.push({ path, message: 'duplicate id' });
      warnings.push({ path, code: 'problemCommonWord', message: 'problemCommonWord' });
      const e = { error: (issue) => 'never shown' };
      if (header.includes('name') || format.startsWith('factlens-dataset/')) z.number().int('whole');
    `;
    expect(coreMessages('sample.ts', source).map((f) => f.text)).toEqual(['must be lowercase', '`needs ${n} characters`', 'duplicate id', 'never shown', 'whole']);
  });

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
