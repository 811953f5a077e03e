/**
 * The check of a letter template before any letter is made: it must parse, use only the helpers of `HELPERS`,
 * and name only values the form's schema describes (paths resolved relative to the data of the enclosing
 * `#each` / `#with` / `#periodesDuMois`, with `this`, `../` and `@root`). Every problem gets its line and column
 * and, for a misspelt name, the closest known one.
 */
import Handlebars from 'handlebars';
import type { Issue } from '../core/issues.ts';
import type { Position, SchemaCatalog } from '../core/schemas.ts';
import { HELPERS } from './helpers.ts';
import { editDistance } from '../core/distance.ts';

/** Largest template a school may give, in characters. */
export const MAX_TEMPLATE_LENGTH = 200_000;

/** The `@` variables a template may use (besides `@root.…`). */
const DATA_VARIABLES = ['index', 'first', 'last', 'key'];

/** Where a template is being checked. */
interface Checker {
  schemas: SchemaCatalog;
  file: string;
  name: string;
  issues: Issue[];
}

/** Returns « modele.hbs:12:5 » for a location (1-based line and column). */
function where(c: Checker, line: number, column: number): string {
  return `${c.name}:${String(line)}:${String(column)}`;
}


/** Returns the candidate closest to `word`, when it is close enough to be a likely typo. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Returns « : vouliez-vous dire « x » ? » or « . » */
function suggestion(nearest: string | undefined): string {
  return nearest === undefined ? '.' : ` : vouliez-vous dire « ${nearest} » ?`;
}

/** Returns the dotted paths of the values under `pos` (arrays included, their elements not entered), at most `depth` levels down. */
function knownPaths(schemas: SchemaCatalog, pos: Position, depth: number, prefix = ''): string[] {
  if (depth === 0) return [];
  return schemas.propertyOrder(pos).flatMap((name) => {
    const child = schemas.child(pos, name);
    const path = prefix ? `${prefix}.${name}` : name;
    return child ? [path, ...knownPaths(schemas, child, depth - 1, path)] : [path];
  });
}

/** Returns the schema position of the data path `parts` (undefined when the schema has no such value). */
function positionOf(c: Checker, parts: readonly string[]): Position | undefined {
  const positions = c.schemas.path(c.file, parts);
  return positions.length === parts.length + 1 ? positions[positions.length - 1] : undefined;
}

/**
 * Checks a path expression against the schema, in the scopes (absolute data paths, innermost last); returns the
 * absolute data path it names (undefined when it is a `@` variable or unknown).
 */
function checkPath(c: Checker, p: hbs.AST.PathExpression, scopes: ReadonlyArray<readonly string[]>): string[] | undefined {
  const { line, column } = p.loc.start;
  const at = `ligne ${String(line)}, colonne ${String(column + 1)}`;
  let base: readonly string[] | undefined;
  let parts = p.parts;
  if (p.data) {
    const [head = '', ...rest] = p.parts;
    if (head === 'root') {
      base = [];
      parts = rest;
    } else if (DATA_VARIABLES.includes(head) && rest.length === 0) {
      return undefined;
    } else {
      c.issues.push({
        code: 'MODELE_CHAMP_INCONNU',
        chemin: where(c, line, column + 1),
        message: `Variable inconnue « @${p.parts.join('.')} » ${at} : les variables permises sont @index, @first, @last, @key et @root.`,
      });
      return undefined;
    }
  } else {
    base = scopes[scopes.length - 1 - p.depth];
    if (base === undefined) {
      c.issues.push({ code: 'MODELE_CHAMP_INCONNU', chemin: where(c, line, column + 1), message: `Champ « ${p.original} » ${at} : « ../ » remonte au-delà des données de la lettre.` });
      return undefined;
    }
  }
  const absolute = [...base, ...parts];
  if (positionOf(c, absolute) !== undefined) return absolute;
  // The longest known prefix says where the typo is; the suggestion is a sibling path written the same way.
  let known = 0;
  while (known < parts.length && positionOf(c, [...base, ...parts.slice(0, known + 1)]) !== undefined) known++;
  const scopePosition = positionOf(c, base);
  const candidates = scopePosition ? knownPaths(c.schemas, scopePosition, 4) : [];
  const written = p.parts.join('.');
  const nearest = closestName(parts.join('.'), candidates);
  const prefix = p.original.slice(0, Math.max(0, p.original.length - parts.join('.').length));
  const shown = nearest === undefined ? undefined : `${prefix}${nearest}`;
  c.issues.push({
    code: 'MODELE_CHAMP_INCONNU',
    chemin: where(c, line, column + 1),
    message: `Champ inconnu « ${p.data ? '@' : ''}${p.original.startsWith('@') ? p.original.slice(1) : p.original || written} » ${at}${suggestion(shown)}${
      known > 0 && nearest === undefined ? ` (« ${parts.slice(0, known).join('.')} » existe, mais pas « ${parts[known] ?? ''} »)` : ''
    }`,
  });
  return undefined;
}

/** Checks that `name` is a helper the letters know; returns its description. */
function checkHelper(c: Checker, p: hbs.AST.PathExpression, block: boolean): (typeof HELPERS)[string] | undefined {
  const name = p.original;
  const { line, column } = p.loc.start;
  const spec = Object.hasOwn(HELPERS, name) ? HELPERS[name] : undefined;
  const at = `ligne ${String(line)}, colonne ${String(column + 1)}`;
  if (spec === undefined) {
    const nearest = closestName(name, Object.keys(HELPERS));
    c.issues.push({ code: 'MODELE_ASSISTANT_INCONNU', chemin: where(c, line, column + 1), message: `Assistant inconnu « ${block ? '#' : ''}${name} » ${at}${suggestion(nearest === undefined ? undefined : `${block ? '#' : ''}${nearest}`)}` });
    return undefined;
  }
  if (block && spec.use === 'value') {
    c.issues.push({ code: 'MODELE_ASSISTANT_INCONNU', chemin: where(c, line, column + 1), message: `L’assistant « ${name} » ${at} s’écrit {{${name} …}}, pas comme un bloc {{#${name}}}…{{/${name}}}.` });
  }
  if (!block && spec.use === 'block') {
    c.issues.push({ code: 'MODELE_ASSISTANT_INCONNU', chemin: where(c, line, column + 1), message: `L’assistant « ${name} » ${at} est un bloc : il s’écrit {{#${name}}}…{{/${name}}}.` });
  }
  return spec;
}

/** Checks the parameters and hash values of a helper call. */
function checkArguments(c: Checker, params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, scopes: ReadonlyArray<readonly string[]>): Array<string[] | undefined> {
  const out = params.map((e) => checkExpression(c, e, scopes));
  for (const pair of hash?.pairs ?? []) checkExpression(c, pair.value, scopes);
  return out;
}

/** Checks an expression; returns the data path a path expression names. */
function checkExpression(c: Checker, e: hbs.AST.Expression, scopes: ReadonlyArray<readonly string[]>): string[] | undefined {
  if (e.type === 'PathExpression') return checkPath(c, e as hbs.AST.PathExpression, scopes);
  if (e.type === 'SubExpression') {
    const s = e as hbs.AST.SubExpression;
    checkHelper(c, s.path, false);
    checkArguments(c, s.params, s.hash, scopes);
  }
  return undefined;
}

/** Returns the scope inside a block whose helper enters the data at `target` (an array's elements or a value). */
function entered(target: string[] | undefined, scope: 'items' | 'value'): string[] | undefined {
  if (target === undefined) return undefined;
  return scope === 'items' ? [...target, '0'] : target;
}

function checkProgram(c: Checker, program: hbs.AST.Program | undefined, scopes: ReadonlyArray<readonly string[]>): void {
  for (const s of program?.body ?? []) checkStatement(c, s, scopes);
}

function checkStatement(c: Checker, s: hbs.AST.Statement, scopes: ReadonlyArray<readonly string[]>): void {
  const { line, column } = s.loc.start;
  switch (s.type) {
    case 'MustacheStatement': {
      const m = s as hbs.AST.MustacheStatement;
      if (m.path.type !== 'PathExpression') return;
      const path = m.path as hbs.AST.PathExpression;
      const isHelper = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || (!path.data && path.depth === 0 && path.parts.length === 1 && Object.hasOwn(HELPERS, path.original));
      if (isHelper) {
        checkHelper(c, path, false);
        checkArguments(c, m.params, m.hash, scopes);
      } else {
        checkPath(c, path, scopes);
      }
      return;
    }
    case 'BlockStatement': {
      const b = s as hbs.AST.BlockStatement;
      const spec = checkHelper(c, b.path, true);
      const targets = checkArguments(c, b.params, b.hash, scopes);
      const inner = spec?.scope ? entered(targets[0], spec.scope) : scopes[scopes.length - 1];
      // An unknown target was reported; its block is still checked, its relative paths against the enclosing data.
      const blockScopes = inner === undefined || (spec?.scope && targets[0] === undefined) ? scopes : [...scopes, inner];
      if ((b.program.blockParams?.length ?? 0) > 0) {
        c.issues.push({ code: 'MODELE_ILLISIBLE', chemin: where(c, line, column + 1), message: `Les paramètres de bloc « as |…| » (ligne ${String(line)}, colonne ${String(column + 1)}) ne sont pas pris en charge : utilisez « this » et « ../ ».` });
      }
      checkProgram(c, b.program, blockScopes);
      checkProgram(c, b.inverse, scopes);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      c.issues.push({
        code: 'MODELE_ASSISTANT_INCONNU',
        chemin: where(c, line, column + 1),
        message: `Les inclusions et décorateurs Handlebars (« {{> … }} », « {{* … }} », ligne ${String(line)}, colonne ${String(column + 1)}) ne sont pas permis dans un modèle de lettre.`,
      });
      return;
    default:
      return;
  }
}

/** Returns the 1-based line and column of character `index` of `source`. */
function lineColumn(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Finds a block opened and never closed, or closed by another name; returns its issue. */
function unbalancedBlock(source: string, name: string): Issue | undefined {
  const open: Array<{ name: string; index: number }> = [];
  for (const m of source.matchAll(/\{\{~?\s*([#^/])\s*([^\s}~()]+)/g)) {
    const [, sigil, tagName = ''] = m;
    if (sigil === '/') {
      const top = open.pop();
      const here = lineColumn(source, m.index);
      if (top === undefined) {
        return { code: 'MODELE_ILLISIBLE', chemin: `${name}:${String(here.line)}:${String(here.column)}`, message: `Le modèle ne se lit pas : « {{/${tagName}}} » ligne ${String(here.line)}, colonne ${String(here.column)} ferme un bloc qui n’a pas été ouvert.` };
      }
      if (top.name !== tagName) {
        const opened = lineColumn(source, top.index);
        return {
          code: 'MODELE_ILLISIBLE',
          chemin: `${name}:${String(here.line)}:${String(here.column)}`,
          message: `Le modèle ne se lit pas : « {{/${tagName}}} » ligne ${String(here.line)}, colonne ${String(here.column)} ferme le bloc « {{#${top.name}}} » ouvert ligne ${String(opened.line)}, colonne ${String(opened.column)} : il faut « {{/${top.name}}} ».`,
        };
      }
    } else if (sigil === '#' && tagName !== '>' && !tagName.startsWith('*')) {
      open.push({ name: tagName, index: m.index });
    }
  }
  const last = open.pop();
  if (last === undefined) return undefined;
  const opened = lineColumn(source, last.index);
  return {
    code: 'MODELE_ILLISIBLE',
    chemin: `${name}:${String(opened.line)}:${String(opened.column)}`,
    message: `Le modèle ne se lit pas : le bloc « {{#${last.name}}} » ouvert ligne ${String(opened.line)}, colonne ${String(opened.column)} n’est jamais fermé (il manque « {{/${last.name}}} »).`,
  };
}

/** Returns the issue of a template Handlebars cannot parse, with the line and column of the problem. */
function parseIssue(source: string, name: string, error: unknown): Issue {
  const unbalanced = unbalancedBlock(source, name);
  if (unbalanced) return unbalanced;
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /line (\d+)/.exec(message);
  const exception = error as { lineNumber?: unknown; column?: unknown };
  let line = typeof exception.lineNumber === 'number' ? exception.lineNumber : lineMatch ? Number(lineMatch[1]) : 1;
  let column = typeof exception.column === 'number' ? exception.column + 1 : 1;
  // Jison's message shows the input before the error and a caret under it: find that spot on the line.
  const [, excerpt = '', caret = ''] = message.split('\n');
  if (lineMatch && caret.endsWith('^')) {
    const before = excerpt.slice(0, caret.length - 1).replace(/^\.\.\./, '');
    const text = source.split('\n')[line - 1] ?? '';
    for (let k = text.length; k >= 0; k--) {
      const head = text.slice(0, k);
      if (before.endsWith(head) || head.endsWith(before)) {
        column = k + 1;
        break;
      }
    }
  }
  if (!Number.isFinite(line) || line < 1) line = 1;
  const expected = /got '([A-Z_]+)'/.exec(message)?.[1];
  const what = expected === 'EOF' ? 'le modèle s’arrête au milieu d’une expression ou d’un bloc' : expected === 'INVALID' ? 'une expression {{…}} est mal formée (accolade ou guillemet manquant ?)' : 'une expression {{…}} est mal formée';
  return { code: 'MODELE_ILLISIBLE', chemin: `${name}:${String(line)}:${String(column)}`, message: `Le modèle ne se lit pas ligne ${String(line)}, colonne ${String(column)} : ${what}.` };
}

/**
 * Returns every problem of the letter template `source` for form `form` (empty when it may be used): parse
 * errors, unknown helpers, values the form's schema does not describe. `name` names the template in locations.
 */
export function letterTemplateIssues(source: string, form: string, schemas: SchemaCatalog, name = 'modele.hbs'): Issue[] {
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return [{ code: 'MODELE_ILLISIBLE', chemin: name, message: `Le modèle fait ${String(source.length)} caractères : au-delà de ${String(MAX_TEMPLATE_LENGTH)}, il n’est pas lu.` }];
  }
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    return [parseIssue(source, name, error)];
  }
  const c: Checker = { schemas, file: `${form}.schema.json`, name, issues: [] };
  checkProgram(c, ast, [[]]);
  return c.issues;
}
