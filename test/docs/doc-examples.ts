/**
 * The `@example` blocks of the public source files, turned into programs that check themselves.
 *
 * An example is TypeScript written against the public API without imports (the reference shows it beside the
 * function it documents). To run it, the names it may use are passed in as the parameters of an async function:
 * the package's entry points (".", "./advanced", "./testing", "./ml-node"), the namespace of the example's
 * folder (finance, sde, ml) and the exports of its own file. Its trailing comments are the expected results and
 * are checked, not trusted:
 *
 *   expr;              // 6            the value (a Tensor or typed array compares by its elements) equals 6;
 *   expr;              // 0.6368       numbers given with k decimals agree to within half a unit in the k-th
 *                                      (whole numbers exactly, or to ±0.5 when written "≈ 2");
 *   expr;              // 12 (why)     an explanation may follow the value after "(", ", ", "; " or " — ";
 *   const v = expr;    // [1, 2]       the same check on v;
 *   expr;              // === other       the value is the same bits as `other`'s (element by element);
 *   stmt;              // throws PathwiseRangeError: msg
 *                                      the statement throws that error class, its message containing msg
 *                                      (a trailing "…" elides the message's end; "(…)" is an explanation).
 *
 * Anything else after `//` (words, formulas) is documentation only; the example must still run without throwing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildSync, transformSync } from 'esbuild';

export const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

export interface DocExample {
  /** src-relative path, e.g. ad/transforms.ts */
  readonly file: string;
  /** 1-based line of the `@example` tag */
  readonly line: number;
  /** the code, comment stars and fences removed */
  readonly code: string;
}

/** The source files the package's entry points reach (what a user of the package can call), src-relative. */
export function publicSourceFiles(entries: readonly string[]): string[] {
  const r = buildSync({
    entryPoints: entries.map((e) => join(SRC, e)),
    bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', outdir: join(ROOT, 'unused'),
    packages: 'external', logLevel: 'silent',
  });
  return Object.keys(r.metafile.inputs)
    .map((f) => join(ROOT, f))
    .filter((f) => f.startsWith(SRC + sep) && f.endsWith('.ts'))
    .map((f) => relative(SRC, f).split(sep).join('/'))
    .sort();
}

export function allSourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/** Every `@example` block of one source file, in order. */
export function examplesOf(file: string): DocExample[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const out: DocExample[] = [];
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, m.index).split('\n').length;
    // Strip the comment's delimiters and each line's leading " * ", keeping the lines' own indentation.
    const lines = m[0].replace(/^\/\*\*/, '').replace(/\*\/$/, '').split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    for (let i = 0; i < lines.length; i++) {
      const at = lines[i]!.indexOf('@example');
      if (at < 0) continue;
      const body: string[] = [];
      const first = lines[i]!.slice(at + '@example'.length);
      if (first.trim() !== '') body.push(first.trim());
      let j = i + 1;
      for (; j < lines.length && !/^\s*@\w/.test(lines[j]!); j++) body.push(lines[j]!);
      out.push({ file, line: startLine + i, code: stripFences(body).join('\n').trim() });
      i = j - 1;
    }
  }
  return out;
}

/** The code of an example: the inside of its ``` fences when it has any (a title line above them is prose). */
function stripFences(lines: readonly string[]): string[] {
  if (!lines.some((l) => /^\s*```/.test(l))) return [...lines];
  const code: string[] = [];
  let inside = false;
  for (const l of lines) {
    if (/^\s*```/.test(l)) inside = !inside;
    else if (inside) code.push(l);
  }
  return code;
}

/** A literal the checker understands: numbers, booleans, quoted strings and (nested) arrays of those. */
const LITERAL = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|true|false|null|'[^']*'|"[^"]*"|\[[\s\d.,eE+\-[\]'"a-z]*\])$/;

/**
 * The expected value at the start of a comment: "6", "≈ 0.6368", "[1, 2] (why)", "101, the rest unchanged".
 * The literal must end the comment or be followed by an explanation ("(…", ", …", "; …", " — …"), so that
 * "1 − 1e-3" or "2^-54" are not read as 1 or 2. "≈" stays in front: it loosens the tolerance (see check).
 */
function leadingLiteral(comment: string): string | undefined {
  const approx = /^≈\s*/.exec(comment);
  const rest = approx === null ? comment : comment.slice(approx[0].length);
  for (let end = rest.length; end > 0; end--) {
    const lit = rest.slice(0, end).trimEnd();
    const after = rest.slice(end);
    if (!(after === '' || /^\s*\(|^[,;]\s|^\s+[—–]\s/.test(after))) continue;
    if (LITERAL.test(lit) && parseLiteral(lit) !== undefined) return (approx === null ? '' : '≈ ') + lit;
  }
  return undefined;
}

function parseLiteral(s: string): unknown {
  const json = s.replace(/'([^']*)'/g, (_, x: string) => JSON.stringify(x));
  try { return JSON.parse(json) as unknown; } catch { return undefined; }
}

export interface Instrumented {
  readonly js: string;
  /** number of values and throws checked */
  readonly checks: number;
}

const NOT_EXPRESSION = /^(?:if|for|while|return|throw|import|export|function|class|async\s+function|\}|\{|\/\/)/;

function parses(code: string): boolean {
  try { transformSync(`(async () => {\n${code}\n})`, { loader: 'ts' }); return true; } catch { return false; }
}

/**
 * The example with its expected results turned into calls of __check / __throws (see the top of the file).
 * A line is rewritten only when the result still parses: a comment ending a multi-line statement stays a comment.
 */
export function instrument(ex: DocExample): Instrumented {
  const lines = ex.code.split('\n');
  let checks = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^(\s*)(.*?);?\s*\/\/\s*(.*)$/.exec(line);
    if (m === null || m[2]!.trim() === '' || m[2]!.includes('//')) {
      // "// throws …" on a line of its own documents the statement above it.
      const own = /^\s*\/\/\s*(throws\b.*)$/.exec(line);
      if (own !== null && i > 0) {
        const prev = /^(\s*)(.*?);?\s*$/.exec(lines[i - 1]!)!;
        const replaced = throwsCall(prev[1]!, prev[2]!, own[1]!);
        if (replaced !== undefined && !NOT_EXPRESSION.test(prev[2]!.trim())) {
          const trial = [...lines]; trial[i - 1] = replaced;
          if (parses(trial.join('\n'))) { lines[i - 1] = replaced; checks++; }
        }
      }
      continue;
    }
    const [, indent, stmt, comment] = m as unknown as [string, string, string, string];
    let replaced: string | undefined;
    const expected = comment.trim();
    const where = JSON.stringify(`${ex.file}:${ex.line}: ${line.trim()}`);
    const decl = /^(const|let|var)\s+([A-Za-z_$][\w$]*)(\s*(?::[^=]+)?=.*)$/.exec(stmt.trim());
    const isExpr = !/^(const|let|var)\b/.test(stmt.trim()) && !NOT_EXPRESSION.test(stmt.trim());
    if (/^throws\b/.test(expected)) {
      if (isExpr) replaced = throwsCall(indent, stmt, expected);
    } else if (/^===\s*\S/.test(expected)) {
      const other = expected.replace(/^===\s*/, '');
      if (decl !== null) replaced = `${indent}${stmt}; __same(${decl[2]}, ${other}, ${where});`;
      else if (isExpr) replaced = `${indent}__same(${stmt}, ${other}, ${where});`;
    } else {
      const lit = leadingLiteral(expected);
      if (lit !== undefined) {
        if (decl !== null) replaced = `${indent}${stmt}; __check(${decl[2]}, ${JSON.stringify(lit)}, ${where});`;
        else if (isExpr) {
          replaced = `${indent}__check(${stmt}, ${JSON.stringify(lit)}, ${where});`;
        }
      }
    }
    if (replaced === undefined) continue;
    const trial = [...lines]; trial[i] = replaced;
    if (parses(trial.join('\n'))) { lines[i] = replaced; checks++; }
  }
  const ts = lines.join('\n');
  // A block, so that an example's `const key = …` may shadow the parameter of the same name.
  const js = transformSync(`{\n${ts}\n}`, { loader: 'ts', target: 'es2022' }).code;
  return { js, checks };
}

function throwsCall(indent: string, stmt: string, comment: string): string | undefined {
  const m = /^throws\s*([A-Z]\w*)?\s*:?\s*(.*)$/.exec(comment.trim());
  if (m === null) return undefined;
  // "(…)" after the error is an explanation, not the message; a trailing "…" elides the message's end.
  if (m[2]!.startsWith('(')) m[2] = '';
  m[2] = m[2]!.replace(/\s*…$/, '');
  return `${indent}await __throws(async () => { ${stmt}; }, ${JSON.stringify(m[1] ?? '')}, ${JSON.stringify(m[2] ?? '')});`;
}

/** Flattens a result for comparison: Tensors by their elements, typed arrays and arrays by theirs. */
function flat(v: unknown, out: unknown[] = []): unknown[] {
  if (v !== null && typeof v === 'object' && 'toArray' in v && typeof (v as { toArray: unknown }).toArray === 'function') {
    return flat((v as { toArray(): unknown }).toArray(), out);
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) { out.push(...Array.from(v as unknown as ArrayLike<unknown>)); return out; }
  if (Array.isArray(v)) { for (const x of v) flat(x, out); return out; }
  out.push(v);
  return out;
}

/** The numbers of a literal's text with their shown decimals, in order (for the tolerance of each). */
function literalNumbers(lit: string): { value: number; decimals: number }[] {
  const out: { value: number; decimals: number }[] = [];
  for (const m of lit.matchAll(/-?(?:\d+\.?(\d*)|\.(\d+))(?:e([+-]?\d+))?/g)) {
    const frac = (m[1] ?? m[2] ?? '').length;
    out.push({ value: Number(m[0]), decimals: frac - Number(m[3] ?? 0) });
  }
  return out;
}

/** __check: the actual value against the expected literal's text (see the top of the file for the tolerance). */
export function check(actual: unknown, documented: string, where: string): void {
  const approx = documented.startsWith('≈');
  const literal = documented.replace(/^≈\s*/, '');
  const expected = parseLiteral(literal);
  const a = flat(actual);
  const e = flat(expected);
  const fail = (why: string): never => { throw new Error(`${where}\n  ${why}: got ${JSON.stringify(a)}, documented ${literal}`); };
  if (a.length !== e.length) fail(`${a.length} values where the comment shows ${e.length}`);
  const nums = literalNumbers(literal);
  let k = 0;
  for (let i = 0; i < e.length; i++) {
    const x = a[i], y = e[i];
    if (typeof y === 'number') {
      const shown = nums[k++]!;
      if (typeof x !== 'number' && typeof x !== 'bigint') fail(`element ${i} is not a number`);
      // Shown decimals are rounded digits: half a unit in the last. A whole number is exact unless marked "≈".
      const tol = shown.decimals > 0 || approx ? 0.5 * 10 ** -shown.decimals * (1 + 1e-9) : 1e-12 * Math.max(1, Math.abs(y));
      if (!(Math.abs(Number(x) - y) <= tol)) fail(`element ${i} differs by more than ${tol}`);
    } else if (x !== y) fail(`element ${i} differs`);
  }
}

/** __throws: the statement must throw the named error class, with the documented text in its message. */
export async function throws(run: () => Promise<void>, name: string, text: string): Promise<void> {
  try { await run(); } catch (e) {
    const err = e as Error;
    if (name !== '' && err.name !== name && err.constructor?.name !== name) throw new Error(`threw ${err.name} (${err.message}), documented ${name}`);
    if (text !== '' && !err.message.includes(text)) throw new Error(`threw "${err.message}", documented a message containing "${text}"`);
    return;
  }
  throw new Error(`did not throw; documented: throws ${name} ${text}`);
}

/** __same: the same bits, element by element (Object.is, so NaN equals NaN and 0 differs from −0). */
export function same(actual: unknown, other: unknown, where: string): void {
  const a = flat(actual), b = flat(other);
  const ok = a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  if (!ok) throw new Error(`${where}\n  not the same values: ${JSON.stringify(a.slice(0, 8))} vs ${JSON.stringify(b.slice(0, 8))}`);
}
