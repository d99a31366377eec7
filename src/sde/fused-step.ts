/**
 * One solver step (with its tangent lanes) as one generated loop over the paths. A step of a batch of
 * paths is written with ops on [paths, d] states: per component (`component`, `fromComponents`), then
 * elementwise arithmetic, then the contraction of σ with ΔW. Run op by op, each op is a pass over the
 * batch with its own temporary, and a Heston step with three tangent lanes is a few hundred of them.
 * Every one of those ops acts on each path separately, so the whole step is a function of one path's
 * numbers: recorded once, it becomes straight-line code in a loop over paths, with every intermediate in a
 * register.
 *
 * The recording splits every value into per-path columns: a [paths, k…] tensor is k columns of `paths`
 * numbers, a size-1 tensor is one scalar. Elementwise ops act column by column (with broadcasting),
 * `component`, `fromComponents`, `reshape` and `broadcastTo` only relabel columns, and the noise
 * contraction becomes its products and sums in the order its kernel adds them. Each column op emits the
 * expression its own loop evaluates (the `expr` of the primitive), so every number goes through the same
 * operations in the same order as op by op: the bits are the same. Ops on scalars only run once per call,
 * by the primitive's own kernel.
 *
 * An op without an expression (exp, log, … on WebAssembly) runs its own loop on tiles of 512 paths between
 * generated segments, as in `fuse` (src/ad/fuse.ts).
 *
 * As `fuse`, the step is recorded on every call (no arithmetic; a few hundred microseconds for a Heston step
 * with three lanes, about the engine's own dispatch of it), the compiled loop is cached by the graph's
 * structure, and the values of the leaves (the state, the noise, the parameters, constants) are read afresh.
 * A caller whose step is the same function of its inputs at every call (an autonomous system, see
 * `FusionSite`) records it once per batch and replays the loop. Anything else (a reduction, a tensor that is
 * neither per path nor a scalar, an outer transformation) makes the step run op by op, as written. The
 * first run of each compiled loop is also run op by op and compared bit for bit: a difference (a drift that
 * reads the values of its tensors, which a recording cannot see: they are NaN placeholders) retires the
 * loop for good and the op-by-op result is used.
 *
 * Known limit: jvp treats an all-zero tangent as a symbolic zero by looking at its values; inside a step
 * (Milstein's directional derivative of σ along σ) the recording sees placeholders, so a batch whose σ is
 * exactly zero on every path at some later step could differ from op by op in the sign of a zero.
 */
import { Tensor } from '../tensor/tensor.js';
import { broadcastShapes, sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import type { Primitive } from '../ad/primitive.js';
import { enterTrace, exitTrace, live, Trace, Tracer } from '../ad/trace.js';
import { debugEnabled } from '../ad/debug.js';
import * as dmath from '../ad/kernels/scalar-math.js';
import { holdEvents, recordEvent } from '../ad/tracking.js';
import type { StepNoise } from './brownian-source.js';

/** A column or scalar of the graph: leaf i is ~i (negative), node j is j. */
type Ref = number;

/** A value: per-path columns (row-major over the axes after the path axis), or one scalar. */
interface Val {
  readonly scalar: boolean;
  readonly cols: readonly Ref[];
}

/** Column c of a per-path array with k numbers per path; k = 0 for a scalar. */
interface Leaf {
  readonly data: Float64Array;
  readonly k: number;
  readonly c: number;
  /** The input whose array this is, or −1. */
  readonly src: number;
}

interface Node {
  readonly prim: Primitive<unknown>;
  readonly params: unknown;
  readonly args: readonly Ref[];
  readonly scalar: boolean;
}

/** Thrown inside a recording when the step is not a per-path elementwise graph; never escapes this file. */
const NOT_FUSABLE: unique symbol = Symbol('not fusable');

const placeholders = new Map<number, Float64Array>();

/**
 * A NaN array for the recording tracers (never written, never read for a result). NaN rather than zeros:
 * jvp takes an all-zero tangent for a symbolic zero, which would change the graph.
 */
function placeholder(size: number): Float64Array {
  let d = placeholders.get(size);
  if (d === undefined) {
    if (placeholders.size >= 16) placeholders.clear();
    placeholders.set(size, (d = new Float64Array(size).fill(NaN)));
  }
  return d;
}

/**
 * Refuses, inside a recording, to compute eagerly on a recorded value's placeholder: a primitive that
 * carries a tensor as a parameter (the noise contraction's weight) is dispatched on its inputs only, so a
 * weight computed in the recording would otherwise be read as NaN. The step then runs op by op.
 */
export function refusePlaceholder(data: Float64Array): void {
  if (placeholders.get(data.length) === data) throw NOT_FUSABLE;
}

class ColumnTracer extends Tracer {
  constructor(trace: ColumnTrace, primal: Tensor, readonly val: Val) {
    super(trace, primal);
  }
}

/** Row-major strides of the axes after the first. */
function innerStrides(shape: Shape): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 1; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

class ColumnTrace extends Trace {
  readonly leaves: Leaf[] = [];
  readonly nodes: Node[] = [];
  private readonly leafVals = new Map<Tensor | Float64Array, Val>();
  /** The inputs' arrays, by index. */
  readonly inputData = new Map<Float64Array, number>();

  constructor(level: number, readonly n: number) {
    super(level);
  }

  /** The columns of a tensor: a tracer of this recording, else a new leaf (per path or scalar). */
  val(t: Tensor): Val {
    if (t instanceof ColumnTracer && t.trace === this) return t.val;   // also after the recording ended
    const x = live(t);
    if (x instanceof ColumnTracer && x.trace === this) return x.val;
    if (x instanceof Tracer) throw NOT_FUSABLE;   // a value of another transformation
    let v = this.leafVals.get(x);
    if (v === undefined) {
      v = this.leafOf(x.data, x.size, x.shape);
      this.leafVals.set(x, v);
    }
    return v;
  }

  /** The columns of a per-path array given as a parameter (the noise of the contraction). */
  weights(w: Float64Array, m: number): Val {
    let v = this.leafVals.get(w);
    if (v === undefined) {
      v = this.leafOf(w, w.length, [this.n, m]);
      this.leafVals.set(w, v);
    }
    return v;
  }

  private leafOf(data: Float64Array, size: number, shape: Shape): Val {
    if (size === 1) {
      this.leaves.push({ data, k: 0, c: 0, src: -1 });
      return { scalar: true, cols: [~(this.leaves.length - 1)] };
    }
    if (shape.length === 0 || shape[0] !== this.n) throw NOT_FUSABLE;
    const k = size / this.n;
    const src = this.inputData.get(data) ?? -1;
    const cols: Ref[] = [];
    for (let c = 0; c < k; c++) {
      this.leaves.push({ data, k, c, src });
      cols.push(~(this.leaves.length - 1));
    }
    return { scalar: false, cols };
  }

  input(x: Tensor, index: number): Tensor {
    if (!this.inputData.has(x.data)) this.inputData.set(x.data, index);
    const t = new ColumnTracer(this, x, this.val(x));
    t.sources = x.sources;
    return t;
  }

  private node(prim: Primitive<unknown>, params: unknown, args: readonly Ref[], scalar: boolean): Ref {
    this.nodes.push({ prim, params, args, scalar });
    return this.nodes.length - 1;
  }

  private out(shape: Shape, val: Val): Tensor {
    return new ColumnTracer(this, new Tensor(placeholder(sizeOf(shape)), shape), val);
  }

  /** The columns of `x` (shape `from`) broadcast to `shape`, which keeps the path axis first. */
  private spread(v: Val, from: Shape, shape: Shape): Ref[] {
    const k = sizeOf(shape) / this.n;
    if (v.scalar) return new Array<Ref>(k).fill(v.cols[0]!);
    if (from.length !== shape.length) throw NOT_FUSABLE;
    if (v.cols.length === k) return v.cols as Ref[];   // the same shape: nothing is broadcast
    const os = innerStrides(shape), is = innerStrides(from);
    const cols: Ref[] = [];
    for (let c = 0; c < k; c++) {
      let at = 0;
      for (let a = 1; a < shape.length; a++) {
        const i = Math.floor(c / os[a]!) % shape[a]!;
        at += (from[a] === 1 ? 0 : i) * is[a]!;
      }
      cols.push(v.cols[at]!);
    }
    return cols;
  }

  process<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
    const p = prim as Primitive<unknown>;
    const n = this.n;
    const vals = inputs.map((x) => this.val(x));
    switch (prim.name) {
      case 'sde.component': {
        const { i } = params as { i: number };
        return this.out([n, 1], { scalar: false, cols: [vals[0]!.cols[i]!] });
      }
      case 'sde.fromComponents': {
        if (vals.some((v) => !v.scalar && v.cols.length !== 1) || vals.every((v) => v.scalar)) throw NOT_FUSABLE;
        return this.out([n, vals.length], { scalar: false, cols: vals.map((v) => v.cols[0]!) });
      }
      case 'reshape': {
        const { shape } = params as { shape: Shape };
        if (!vals[0]!.scalar && shape[0] !== n) throw NOT_FUSABLE;
        return this.out(shape, vals[0]!);
      }
      case 'broadcastTo': {
        const { shape } = params as { shape: Shape };
        if (vals[0]!.scalar && sizeOf(shape) === 1) return this.out(shape, vals[0]!);
        if (shape[0] !== n) throw NOT_FUSABLE;
        return this.out(shape, { scalar: false, cols: this.spread(vals[0]!, inputs[0]!.shape, shape) });
      }
      case 'sde.noiseContract':
        return this.contract(inputs[0]!, vals[0]!, params as { w: Float64Array; paths: number; m: number; weight?: Tensor });
      default:
        break;
    }
    const ew = prim.elementwise;
    if (ew === undefined || (ew.unary === undefined && ew.binary === undefined) || inputs.length !== (ew.unary !== undefined ? 1 : 2)) throw NOT_FUSABLE;
    let shape = inputs[0]!.shape;
    for (let i = 1; i < inputs.length; i++) shape = broadcastShapes(shape, inputs[i]!.shape, prim.name);
    if (vals.every((v) => v.scalar)) {
      if (sizeOf(shape) !== 1) throw NOT_FUSABLE;
      return this.out(shape, { scalar: true, cols: [this.node(p, params, vals.map((v) => v.cols[0]!), true)] });
    }
    // Without an expression a unary op's own loop runs on tiles of the generated loop (see compile).
    if ((ew.expr === undefined && ew.unary === undefined) || shape[0] !== n) throw NOT_FUSABLE;
    const spread = vals.map((v, i) => this.spread(v, inputs[i]!.shape, shape));
    const cols = spread[0]!.map((_, c) => this.node(p, params, spread.map((s) => s[c]!), false));
    return this.out(shape, { scalar: false, cols });
  }

  /** Σ_j σ_{p,i,j} w_{p,j} per column i, summed as contractKernel (noise-contract.ts) sums. */
  private contract(g: Tensor, v: Val, { w, paths, m, weight }: { w: Float64Array; paths: number; m: number; weight?: Tensor }): Tensor {
    if (paths !== this.n) throw NOT_FUSABLE;
    // The weight's columns: those of the tensor (computed in this recording, or a leaf), else of the array.
    const ws = weight !== undefined ? this.val(weight).cols : this.weights(w, m).cols;
    if (ws.length !== m || (weight !== undefined && this.val(weight).scalar && m > 1)) throw NOT_FUSABLE;
    if (v.scalar) {
      // one σ shared by every path: d = m = 1
      if (m !== 1) throw NOT_FUSABLE;
      return this.out([this.n, 1], { scalar: false, cols: [this.node(mulPrim, undefined, [v.cols[0]!, ws[0]!], false)] });
    }
    if (g.ndim !== 3 || g.shape[2] !== m) throw NOT_FUSABLE;
    const d = g.shape[1]!;
    const prod = (i: number, j: number): Ref => this.node(mulPrim, undefined, [v.cols[i * m + j]!, ws[j]!], false);
    const cols: Ref[] = [];
    for (let i = 0; i < d; i++) {
      if (m === 1) cols.push(prod(i, 0));
      else if (m === 2) cols.push(this.node(addPrim, undefined, [prod(i, 0), prod(i, 1)], false));
      else {
        let s = this.val(zeroScalar()).cols[0]!;
        for (let j = 0; j < m; j++) s = this.node(addPrim, undefined, [s, prod(i, j)], false);
        cols.push(s);
      }
    }
    return this.out([this.n, d], { scalar: false, cols });
  }
}

// The contraction's products and sums are emitted as these expressions (its kernel's own operations).
const mulPrim = { name: 'mul', elementwise: { expr: (a: string, b: string) => `${a} * ${b}` } } as unknown as Primitive<unknown>;
const addPrim = { name: 'add', elementwise: { expr: (a: string, b: string) => `${a} + ${b}` } } as unknown as Primitive<unknown>;
const zeroScalar = (): Tensor => new Tensor(new Float64Array(1), []);

// ---------------------------------------------------------------------------------------------------
// Compiled loops

type Loop = (cols: readonly Float64Array[], consts: Float64Array, outs: readonly Float64Array[], n: number) => void;

interface Compiled {
  /** Null where generated code is refused (a Content Security Policy): the step runs op by op. */
  readonly loop: Loop | null;
  /** Leaves read as columns and leaves read as scalars, in the loop's argument order. */
  readonly colLeaves: readonly number[];
  readonly scalarLeaves: readonly number[];
  /** Scalar nodes, computed once per call before the loop, in order. */
  readonly scalarNodes: readonly number[];
  /** Compared with the op-by-op step on its first run; false once they differed. */
  checked: boolean;
  good: boolean;
}

const compiled = new Map<string, Compiled>();
/** Paths per tile where a unary loop is called between generated segments: its buffers stay in cache. */
const TILE = 512;
const MAX_COMPILED = 256;

function keyOf(tr: ColumnTrace, outs: readonly Val[], widths: readonly number[]): string {
  let key = tr.leaves.map((l) => (l.k === 0 ? 's' : `${l.k}.${l.c}`)).join(',');
  key += '|';
  for (const d of tr.nodes) {
    key += `${d.prim.name}${d.params === undefined ? '' : JSON.stringify(d.params)}(${d.args.join(',')})`;
  }
  key += '|';
  outs.forEach((v, o) => { key += `${widths[o]}:${v.scalar ? 's' : ''}${v.cols.join(',')};`; });
  return key;
}

function compile(tr: ColumnTrace, outs: readonly Val[], widths: readonly number[]): Compiled {
  const { leaves, nodes } = tr;
  // Only what the outputs need.
  const needed = new Set<Ref>();
  const visit = (r: Ref): void => {
    if (needed.has(r)) return;
    needed.add(r);
    if (r >= 0) for (const a of nodes[r]!.args) visit(a);
  };
  outs.forEach((v) => v.cols.forEach(visit));
  const colLeaves: number[] = [];
  const scalarLeaves: number[] = [];
  const scalarNodes: number[] = [];
  leaves.forEach((l, i) => { if (needed.has(~i)) (l.k === 0 ? scalarLeaves : colLeaves).push(i); });
  nodes.forEach((d, j) => { if (d.scalar && needed.has(j)) scalarNodes.push(j); });
  const constIndex = new Map<Ref, number>();
  scalarLeaves.forEach((i) => constIndex.set(~i, constIndex.size));
  scalarNodes.forEach((j) => constIndex.set(j, constIndex.size));
  const name = (r: Ref): string => {
    const c = constIndex.get(r);
    if (c !== undefined) return `c${c}`;
    return r < 0 ? `l${~r}` : `v${r}`;
  };
  // A path node without an expression (exp, log, … on WebAssembly) is its own unary loop, called on tiles:
  // the generated loop is cut there into segments over a tile, and values that cross a cut (or feed a call)
  // go through tile buffers.
  const pathNodes = nodes.flatMap((d, j) => (!d.scalar && needed.has(j) ? [j] : []));
  const isCall = (j: number): boolean => nodes[j]!.prim.elementwise!.expr === undefined;
  const segments: number[][] = [[]];
  const callAfter: number[] = [];
  const home = new Map<Ref, number>();
  for (const j of pathNodes) {
    if (isCall(j)) {
      callAfter.push(j);
      segments.push([]);
      home.set(j, -1);
    } else {
      segments[segments.length - 1]!.push(j);
      home.set(j, segments.length - 1);
    }
  }
  const last = segments.length - 1;
  const buffers = new Map<Ref, number>();
  const buffered = (r: Ref): string => {
    if (!buffers.has(r)) buffers.set(r, buffers.size);
    return `b${buffers.get(r)!}`;
  };
  // What each segment reads: its nodes' arguments, the argument of the call after it, the outputs (last).
  const reads = segments.map((seg, k) => {
    const rs = new Set<Ref>();
    for (const j of seg) for (const a of nodes[j]!.args) rs.add(a);
    if (k < last) rs.add(nodes[callAfter[k]!]!.args[0]!);
    if (k === last) for (const v of outs) for (const r of v.cols) rs.add(r);
    return rs;
  });
  reads.forEach((rs, k) => {
    for (const r of rs) if (r >= 0 && !constIndex.has(r) && home.get(r) !== k) buffered(r);
  });
  // A call's argument computed in the segment before it, or a leaf or a constant, is stored there.
  const filled = (a: Ref): boolean => a < 0 || constIndex.has(a);
  callAfter.forEach((j, k) => { buffered(j); const a = nodes[j]!.args[0]!; if (home.get(a) === k || filled(a)) buffered(a); });
  const lines: string[] = [];
  constIndex.forEach((c) => lines.push(`const c${c} = consts[${c}];`));
  colLeaves.forEach((i, a) => lines.push(`const a${i} = cols[${a}];`));
  outs.forEach((_, o) => lines.push(`const o${o} = outs[${o}];`));
  const tiled = callAfter.length > 0;
  if (tiled) {
    lines.push(`const T = ${TILE};`);
    buffers.forEach((b) => lines.push(`const b${b} = bufs[${b}];`));
    callAfter.forEach((_, k) => lines.push(`const k${k} = kernels[${k}];`));
    lines.push('for (let i = 0; i < n; i += T) {', 'const m = n - i < T ? n - i : T;');
  }
  segments.forEach((seg, k) => {
    lines.push(tiled ? 'for (let j = 0; j < m; j++) {\nconst p = i + j;' : 'for (let p = 0; p < n; p++) {');
    const at = tiled ? 'j' : 'p';
    const local = new Set<Ref>(seg);
    for (const r of reads[k]!) {
      if (constIndex.has(r) || local.has(r)) continue;
      if (r < 0) lines.push(`const l${~r} = a${~r}[p * ${leaves[~r]!.k} + ${leaves[~r]!.c}];`);
      else lines.push(`const v${r} = ${buffered(r)}[j];`);
    }
    for (const j of seg) {
      lines.push(`const v${j} = ${nodes[j]!.prim.elementwise!.expr!(...nodes[j]!.args.map(name))};`);
      if (buffers.has(j)) lines.push(`b${buffers.get(j)!}[${at}] = v${j};`);
    }
    if (k < last) {
      const a = nodes[callAfter[k]!]!.args[0]!;
      if (filled(a)) lines.push(`${buffered(a)}[j] = ${name(a)};`);
    }
    if (k === last) {
      outs.forEach((v, o) => {
        const w = widths[o]!;
        for (let c = 0; c < w; c++) lines.push(`o${o}[p * ${w} + ${c}] = ${name(v.scalar ? v.cols[0]! : v.cols[c]!)};`);
      });
    }
    lines.push('}');
    if (k < last) {
      const j = callAfter[k]!;
      const view = (r: Ref): string => `(m === T ? ${buffered(r)} : ${buffered(r)}.subarray(0, m))`;
      lines.push(`k${k}(${view(nodes[j]!.args[0]!)}, ${view(j)});`);
    }
  });
  if (tiled) lines.push('}');
  let loop: Loop | null = null;
  try {
    // Expressions may call the engine-independent scalar functions as dmath.f(…) (pow, tan, atan).
    const make = new Function('dmath', `return function (cols, consts, outs, n, bufs, kernels) {\n${lines.join('\n')}\n};`);
    const body = make(dmath) as (...a: unknown[]) => void;
    const bufs = [...buffers.keys()].map(() => new Float64Array(TILE));
    const kernels = callAfter.map((j) => nodes[j]!.prim.elementwise!.unary!);
    loop = (cols, consts, outs, n) => body(cols, consts, outs, n, bufs, kernels);
  } catch {
    loop = null;
  }
  return { loop, colLeaves, scalarLeaves, scalarNodes, checked: false, good: loop !== null };
}

/** The constants of a recording: its scalar leaves, then its scalar nodes, each computed by its own kernel. */
function constsOf(c: Compiled, tr: ColumnTrace): Float64Array {
  const { leaves, nodes } = tr;
  const values = new Map<Ref, number>();
  const consts = new Float64Array(c.scalarLeaves.length + c.scalarNodes.length);
  let at = 0;
  for (const i of c.scalarLeaves) values.set(~i, (consts[at++] = leaves[i]!.data[0]!));
  for (const j of c.scalarNodes) {
    const d = nodes[j]!;
    const args = d.args.map((r) => new Tensor(Float64Array.of(values.get(r)!), []));
    values.set(j, (consts[at++] = d.prim.impl(args, d.params).data[0]!));
  }
  return consts;
}

/** Runs a compiled loop on its columns; returns the outputs' arrays (spare ones where they fit). */
function runLoop(c: Compiled, cols: readonly Float64Array[], consts: Float64Array, n: number, widths: readonly number[], spare: readonly Float64Array[]): Float64Array[] {
  const free = [...new Set(spare)];
  const outs = widths.map((k) => {
    const i = free.findIndex((a) => a.length === n * k);
    return i < 0 ? alloc(n * k) : free.splice(i, 1)[0]!;
  });
  c.loop!(cols, consts, outs, n);
  return outs;
}

// ---------------------------------------------------------------------------------------------------
// The entry point

let enabled = true;

/** Counts since the start (for tests): steps run fused (of them, replayed), op by op, and compiled loops retired. */
export const stepFusionCounts = { fused: 0, replayed: 0, opByOp: 0, retired: 0 };

/** Turns the fused step off or on (tests compare the two; the results are the same bits). */
export function setStepFusionEnabled(on: boolean): void {
  enabled = on;
}

/**
 * A call site's state: once a step did not record as a per-path graph, later steps of the run do not
 * try (`off`); `fused` says whether the last step ran as a generated loop (its outputs are then new
 * arrays that share nothing with its inputs). With `replay`, the caller promises that fn is the same
 * function of its inputs at every call (an autonomous system: drift and diffusion ignore t and read no
 * values; every per-step array, the noise included, is among the inputs): the step is then recorded once
 * and its loop replayed on the new inputs, as long as the same inputs are zero (jvp skips a zero tangent).
 */
export interface FusionSite {
  off: boolean;
  fused: boolean;
  readonly replay: boolean;
  recorded: Replay | null;
}

interface Replay {
  readonly zeros: string;
  readonly c: Compiled;
  /** The input read by each column of the loop. */
  readonly cols: readonly number[];
  readonly consts: Float64Array;
  readonly shapes: readonly Shape[];
  readonly widths: readonly number[];
  readonly sources: readonly (ReadonlySet<string> | null)[];
  readonly events: readonly [string, ReadonlySet<string>][];
}

/** A new call site. @example fusionSite().off   // false */
export function fusionSite(replay = false): FusionSite {
  return { off: false, fused: false, replay, recorded: null };
}

/** The noise of a step as fused-step inputs, and back (ΔW, then I_(k,0) when the scheme uses it). */
export function noiseInputs(noise: StepNoise): Tensor[] {
  return noise.i10 === null ? [noise.dW] : [noise.dW, noise.i10];
}

/**
 * The noise back from the inputs a fused step passes fn (recorded, so a replay reads each step's noise).
 * Schemes that compute their contraction weights from the noise (SRA1's I_(k,0)/h) take the concrete noise
 * instead: a weight is a parameter of the contraction, which the recording cannot follow when computed.
 */
export function noiseOf(xs: readonly Tensor[]): StepNoise {
  return { dW: xs[0]!, i10: xs[1] ?? null };
}

function isZero(d: Float64Array): boolean {
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) return false;
  return true;
}

function bitsEqual(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * fn(...inputs) for a batch of n paths, as one generated loop over the paths when fn is a per-path
 * elementwise graph (see the file comment), else op by op. Same values, bit for bit, either way; fn's
 * outputs are tensors of shape [n, …]. The generated loop may write its outputs into `spare`: arrays the
 * caller no longer needs (the state two steps back), which must not be among the inputs.
 */
export function fusedStep(
  site: FusionSite, inputs: readonly Tensor[], fn: (...xs: Tensor[]) => Tensor[], n: number, spare: readonly Float64Array[] = [],
): Tensor[] {
  site.fused = false;
  if (!enabled || site.off || n < 2 || debugEnabled() || inputs.some((x) => live(x) instanceof Tracer)) {
    stepFusionCounts.opByOp++;
    return fn(...inputs);
  }
  // Replay needs every input in its own array (a column is found again by its input's index).
  const replay = site.replay && new Set(inputs.map((x) => x.data)).size === inputs.length;
  const zeros = replay ? `${n}:${inputs.map((x) => (isZero(x.data) ? '0' : '1')).join('')}` : '';
  const r = site.recorded;
  if (replay && r !== null && r.zeros === zeros && r.c.good) {
    const data = runLoop(r.c, r.cols.map((i) => inputs[i]!.data), r.consts, n, r.widths, spare);
    for (const [op, sources] of r.events) recordEvent(op, sources);
    stepFusionCounts.fused++;
    stepFusionCounts.replayed++;
    site.fused = true;
    return data.map((d, o) => {
      const t = new Tensor(d, r.shapes[o]!);
      t.sources = r.sources[o]!;
      return t;
    });
  }
  const tr = enterTrace((l) => new ColumnTrace(l, n));
  let outs: Tensor[] | null = null;
  let events: [string, ReadonlySet<string>][] = [];
  try {
    [outs, events] = holdEvents(() => fn(...inputs.map((x, i) => tr.input(x, i))));
  } catch (e) {
    if (e !== NOT_FUSABLE) throw e;
  } finally {
    exitTrace(tr);
  }
  let vals: Val[] | null = null;
  if (outs !== null) {
    try {
      vals = outs.map((o) => (o.shape[0] === n ? tr.val(o) : (() => { throw NOT_FUSABLE; })()));
    } catch (e) {
      if (e !== NOT_FUSABLE) throw e;
    }
  }
  if (outs === null || vals === null) {
    site.off = true;
    stepFusionCounts.opByOp++;
    return fn(...inputs);
  }
  const shapes = outs.map((o) => o.shape);
  const widths = shapes.map((s) => sizeOf(s) / n);
  const key = keyOf(tr, vals, widths);
  let c = compiled.get(key);
  if (c === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, (c = compile(tr, vals, widths)));
  }
  if (!c.good) {
    stepFusionCounts.opByOp++;
    return fn(...inputs);
  }
  const consts = constsOf(c, tr);
  const data = runLoop(c, c.colLeaves.map((i) => tr.leaves[i]!.data), consts, n, widths, spare);
  const result = data.map((d, o) => {
    const t = new Tensor(d, shapes[o]!);
    t.sources = outs![o]!.sources;
    return t;
  });
  if (!c.checked) {
    // The op-by-op step reports its own discontinuity events.
    c.checked = true;
    const direct = fn(...inputs);
    if (!direct.every((t, o) => bitsEqual(t.data, data[o]!))) {
      c.good = false;
      stepFusionCounts.retired++;
      stepFusionCounts.opByOp++;
      return direct;
    }
  } else {
    for (const [op, sources] of events) recordEvent(op, sources);
  }
  // Replayable when every column the loop reads is an input's (scalars are the recorded constants).
  const cols = c.colLeaves.map((i) => tr.leaves[i]!.src);
  if (replay && cols.every((i) => i >= 0)) {
    site.recorded = { zeros, c, cols, consts, shapes, widths, sources: result.map((t) => t.sources), events };
  }
  stepFusionCounts.fused++;
  site.fused = true;
  return result;
}
