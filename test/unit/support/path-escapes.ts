/**
 * Finds paths in test, bench and script sources that point outside the
 * repository, so that a fresh clone in any folder has everything they read.
 *
 * It reads the source, not the running program: each `resolve`, `join`,
 * `dirname`, `fileURLToPath` and `new URL(…, import.meta.url)` is evaluated
 * from `import.meta.dirname` and the consts it can follow (in the same file or
 * imported from another scanned file), every relative import is resolved, and
 * a string that names a machine-specific place (`/work/…`, a home folder,
 * a `shared/` folder) is flagged wherever it appears. A value it cannot follow
 * (a parameter, `tmpdir()`) is left alone unless `..` climbs out of it.
 */
import { isAbsolute, posix } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Absolute path, with forward slashes. */
  path: string;
  text: string;
}

export interface PathEscape {
  file: string;
  line: number;
  what: string;
}

/** Stands for a path segment whose value is not known statically. */
const UNKNOWN = '\u0000';

/**
 * Strings that name a place on one machine rather than in the repository:
 * the workspace, home folders, and the shared folder beside the checkout.
 * Only strings without whitespace count, so prose and code samples do not.
 */
const MACHINE_PATH = /^(?:file:\/\/)?(?:\/work(?:\/|$)|\/home\/|\/Users\/|\/root(?:\/|$)|~\/|[A-Za-z]:[\\/])|(?:^|[/\\])shared[/\\]/;

/**
 * Files outside the repository that describe the machine rather than hold
 * anything a test reads: find-browser.ts reads the OS's name to say which
 * command installs a browser there.
 */
const MACHINE_FACTS = new Set(['/etc/os-release']);

const FS_READERS = new Set([
  'readFileSync', 'readFile', 'readdirSync', 'readdir', 'existsSync', 'statSync', 'stat', 'lstatSync', 'lstat',
  'createReadStream', 'opendir', 'opendirSync', 'accessSync', 'access', 'realpathSync', 'realpath', 'cpSync', 'cp',
  'copyFileSync', 'copyFile', 'openSync', 'open', 'globSync', 'glob',
]);

const NODE_MODULES = /^(?:node:)?(?:path|url|fs|fs\/promises)$/;
/** Namespace names these modules are imported under (`import path from 'node:path'`). */
const NODE_NAMESPACES = /^(?:path|posix|url|fs|fsp|promises)$/;

/** Vitest's helpers that take a module specifier. */
const MODULE_HELPERS = new Set(['mock', 'doMock', 'unmock', 'importActual', 'importMock']);

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

const inside = (root: string, path: string) => path === root || path.startsWith(`${root}/`);

export function findPathEscapes(files: readonly SourceFile[], root: string): PathEscape[] {
  const parsed = new Map(files.map((f) => [f.path, ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, scriptKind(f.path))]));
  const escapes: PathEscape[] = [];

  /** The scanned file a relative module specifier names, if any. */
  function moduleFile(from: string, specifier: string): string | undefined {
    const base = posix.resolve(posix.dirname(from), specifier);
    const candidates = [base, ...SOURCE_EXTENSIONS.map((e) => base + e), ...SOURCE_EXTENSIONS.map((e) => `${base}/index${e}`)];
    return candidates.find((c) => parsed.has(c));
  }

  /** const declarations by name; a name declared twice in a file is ambiguous and left unknown. */
  const constsByFile = new Map<string, Map<string, ts.Expression | null>>();
  function consts(file: string): Map<string, ts.Expression | null> {
    let map = constsByFile.get(file);
    if (map) return map;
    map = new Map();
    const found = map;
    const visit = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isVariableDeclarationList(node.parent)) {
        const isConst = (node.parent.flags & ts.NodeFlags.Const) !== 0;
        found.set(node.name.text, isConst && !found.has(node.name.text) ? node.initializer : null);
      }
      ts.forEachChild(node, visit);
    };
    visit(parsed.get(file)!);
    constsByFile.set(file, map);
    return map;
  }

  /** Where an imported name comes from: the scanned file and the name it is exported under. */
  function importedFrom(file: string, name: string): { file: string; name: string } | undefined {
    for (const statement of parsed.get(file)!.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        if (element.name.text !== name) continue;
        const target = moduleFile(file, statement.moduleSpecifier.text);
        return target ? { file: target, name: (element.propertyName ?? element.name).text } : undefined;
      }
    }
    return undefined;
  }

  /** The string an expression evaluates to, with UNKNOWN for the parts that cannot be known. */
  function evaluate(node: ts.Expression, file: string, seen: Set<string>): string {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return evaluate(node.expression, file, seen);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return node.head.text + node.templateSpans.map((s) => evaluate(s.expression, file, seen) + s.literal.text).join('');
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return evaluate(node.left, file, seen) + evaluate(node.right, file, seen);
    }
    if (ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression)) {
      if (node.name.text === 'dirname') return posix.dirname(file);
      if (node.name.text === 'filename') return file;
      if (node.name.text === 'url') return `file://${file}`;
    }
    if (ts.isIdentifier(node)) {
      if (node.text === '__dirname') return posix.dirname(file);
      if (node.text === '__filename') return file;
      const key = `${file}#${node.text}`;
      if (seen.has(key)) return UNKNOWN;
      const next = new Set(seen).add(key);
      const local = consts(file).get(node.text);
      if (local) return evaluate(local, file, next);
      if (local === null) return UNKNOWN;
      const source = importedFrom(file, node.text);
      const exported = source && consts(source.file).get(source.name);
      return source && exported ? evaluate(exported, source.file, next) : UNKNOWN;
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.length === 2) {
      const base = evaluate(node.arguments[1]!, file, seen);
      const relative = evaluate(node.arguments[0]!, file, seen);
      if (!base.startsWith('file://')) return UNKNOWN;
      return `file://${posix.resolve(posix.dirname(base.slice('file://'.length)), relative)}`;
    }
    if (ts.isCallExpression(node)) {
      const name = calleeName(node, file);
      const args = node.arguments.map((a) => (ts.isSpreadElement(a) ? UNKNOWN : evaluate(a, file, seen)));
      if (name === 'resolve' || name === 'join') return joinPaths(name, args);
      if (name === 'dirname' && args.length === 1) return posix.dirname(args[0]!);
      if (name === 'fileURLToPath' && args.length === 1) return args[0]!.startsWith('file://') ? args[0]!.slice('file://'.length) : UNKNOWN;
    }
    return UNKNOWN;
  }

  /**
   * path.resolve and path.join over partly known arguments. `resolve` starts
   * from the working directory, which is the repository root for npm scripts,
   * Vitest and the bench.
   */
  function joinPaths(kind: 'resolve' | 'join', args: string[]): string {
    let start = 0;
    if (kind === 'resolve') {
      for (let i = args.length - 1; i >= 0; i--) {
        // An unknown argument is taken as a relative name, the usual case
        // (resolve(DIR, page)); one that happened to be absolute could only
        // lead somewhere this check does not see, never to a false finding.
        if (isAbsolute(args[i]!)) {
          start = i;
          break;
        }
      }
    }
    const parts = args.slice(start).filter((a) => a !== '');
    if (parts.length === 0) return root;
    const joined = posix.normalize(parts.join('/'));
    if (kind === 'resolve' && !isAbsolute(joined) && !joined.startsWith(UNKNOWN)) return posix.resolve(root, joined);
    return joined;
  }

  /**
   * The node:path, node:url or node:fs function a call makes, by its exported
   * name; undefined for anything else (Promise.resolve, Array.join, page.open).
   */
  function calleeName(node: ts.CallExpression, file: string): string | undefined {
    const callee = node.expression;
    if (ts.isIdentifier(callee)) return nodeImports(file).get(callee.text);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && NODE_NAMESPACES.test(callee.expression.text)) return callee.name.text;
    if (ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'posix') return callee.name.text;
    return undefined;
  }

  /** Local name → exported name, for what a file imports by name from node:path, node:url and node:fs. */
  const nodeImportsByFile = new Map<string, Map<string, string>>();
  function nodeImports(file: string): Map<string, string> {
    let map = nodeImportsByFile.get(file);
    if (map) return map;
    map = new Map();
    for (const statement of parsed.get(file)!.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (!NODE_MODULES.test(statement.moduleSpecifier.text)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) map.set(element.name.text, (element.propertyName ?? element.name).text);
      }
    }
    nodeImportsByFile.set(file, map);
    return map;
  }

  /** What is wrong with a computed path, if anything. */
  function problem(path: string): string | undefined {
    const plain = path.startsWith('file://') ? path.slice('file://'.length) : path;
    if (plain.startsWith(UNKNOWN)) {
      const rest = posix.normalize(`.${plain.slice(1)}`);
      return rest === '..' || rest.startsWith('../') ? 'climbs with .. out of a path it cannot check' : undefined;
    }
    if (MACHINE_FACTS.has(plain)) return undefined;
    if (isAbsolute(plain) && !inside(root, posix.normalize(plain))) return `resolves outside the repository: ${plain}`;
    return undefined;
  }

  for (const [file, source] of parsed) {
    const report = (node: ts.Node, what: string) =>
      escapes.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });

    const checkSpecifier = (node: ts.Node, specifier: string) => {
      if (!specifier.startsWith('.')) return;
      const target = posix.resolve(posix.dirname(file), specifier);
      if (!inside(root, target)) report(node, `imports from outside the repository: ${specifier}`);
    };

    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        if (!/\s/.test(node.text) && MACHINE_PATH.test(node.text)) report(node, `names a machine-specific path: ${node.text}`);
      }
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        checkSpecifier(node, node.moduleSpecifier.text);
      }
      if (ts.isCallExpression(node)) {
        const name = calleeName(node, file);
        const first = node.arguments[0];
        const callee = node.expression;
        const isModuleCall =
          callee.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(callee) && callee.text === 'require') ||
          (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'vi' && MODULE_HELPERS.has(callee.name.text));
        if (isModuleCall && first && ts.isStringLiteralLike(first)) checkSpecifier(node, first.text);
        if (name === 'resolve' || name === 'join' || name === 'dirname' || name === 'fileURLToPath') {
          const why = problem(evaluate(node, file, new Set()));
          if (why) report(node, why);
        }
        if (name && FS_READERS.has(name) && first && !ts.isSpreadElement(first)) {
          const value = evaluate(first, file, new Set());
          // A bare relative path is read from the working directory, the repository root.
          const why = problem(isAbsolute(value) || value.startsWith(UNKNOWN) || value.startsWith('file://') ? value : posix.resolve(root, value));
          if (why) report(node, why);
        }
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
        const value = evaluate(node, file, new Set());
        const why = value === UNKNOWN ? undefined : problem(value);
        if (why) report(node, why);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  // One finding per line and reason: an outer call repeats what an inner one found.
  const unique = new Map(escapes.map((e) => [`${e.file}:${e.line}:${e.what}`, e]));
  return [...unique.values()];
}
