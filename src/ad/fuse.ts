/**
 * Fused elementwise chains. `fuse(fn)` runs a function made of elementwise primitives as one pass over
 * cache-sized tiles instead of one full-size temporary per op: at 1e6 elements each temporary is an 8 MB
 * round trip to memory (a multiply costs 3.7 ns per element there, 0.8 ns on a tile in cache).
 *
 * Each call runs fn once on recording tracers (no arithmetic, a few microseconds): the ops become a
 * graph whose leaves are fn's arguments and every other tensor it touched (constants, captured values).
 * The graph's structure (ops, wiring, which values are scalars) is the key of a compiled plan, built once
 * and cached; the values of the leaves are read afresh on every call, so a captured parameter that
 * changes between calls is never stale. The plan runs each op's own loop (the same function the eager op
 * runs) on tile buffers, so every element goes through the same operations in the same order: the bits
 * are those of the unfused computation.
 *
 * The fused graph is one primitive to the autodiff engine. Its JVP replays the graph under a forward
 * trace and fuses that (tangent and primal together, tile by tile); its VJP replays it under a reverse
 * trace and fuses the forward and backward sweeps into one pass that rematerializes intermediates per tile.
 * Only the leaves and the output are kept on a tape, not the intermediates.
 *
 * Anything that is not elementwise (a reduction, a matmul, a general broadcast) makes the recording give
 * up and fn runs as written, op by op; so does the debug mode (its messages name the op).
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { broadcastShapes, sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from './primitive.js';
import { bind, enterTrace, exitTrace, live, Trace, Tracer } from './trace.js';
import { debugEnabled } from './debug.js';
import { holdEvents, recordEvent } from './tracking.js';
import { ForwardTrace, ForwardTracer } from './forward.js';
import { ReverseTrace, ReverseTracer } from './reverse.js';
import { add } from './ops/arithmetic.js';
import { broadcastTo, sumToShape } from './ops/structure.js';
import * as dmath from './kernels/scalar-math.js';

/** Elements per tile: a few tiles of 16 KiB stay in the first- and second-level caches. */
const TILE = 2048;

// ---------------------------------------------------------------------------------------------------
// Recording

/** A reference to a value of the graph: a leaf i is encoded as ~i (negative), a node j as j. */
type Ref = number;

interface GraphNode {
  readonly prim: Primitive<unknown>;
  readonly params: unknown;
  readonly args: readonly Ref[];
  readonly shape: Shape;
}

/** Thrown inside a recording when fn does something a fused kernel cannot; never escapes this file. */
const NOT_FUSABLE: unique symbol = Symbol('not fusable');

/** Structural ops that are copies when they keep the size or broadcast a scalar. */
const COPY_OPS = new Set(['broadcastTo', 'reshape']);

const placeholders = new Map<number, Float64Array>();

/** A zero array of length n for the recording tracers (its pages are never touched, so never resident). */
function placeholder(shape: Shape): Tensor {
  const n = sizeOf(shape);
  let d = placeholders.get(n);
  if (d === undefined) {
    if (placeholders.size >= 8) placeholders.clear();
    placeholders.set(n, (d = new Float64Array(n)));
  }
  return new Tensor(d, shape);
}

class RecordTracer extends Tracer {
  constructor(trace: RecordTrace, primal: Tensor, readonly ref: Ref) {
    super(trace, primal);
  }
}

class RecordTrace extends Trace {
  readonly leaves: Tensor[] = [];
  readonly nodes: GraphNode[] = [];
  private readonly leafRefs = new Map<Tensor, Ref>();

  ref(x: Tensor): Ref {
    if (x instanceof RecordTracer && x.trace === this) return x.ref;
    let r = this.leafRefs.get(x);
    if (r === undefined) {
      r = ~this.leaves.length;
      this.leaves.push(x);
      this.leafRefs.set(x, r);
    }
    return r;
  }

  input(x: Tensor): RecordTracer {
    const t = new RecordTracer(this, x, this.ref(x));
    t.sources = x.sources;
    return t;
  }

  process<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
    let shape: Shape;
    if (prim.elementwise !== undefined) {
      shape = inputs[0]!.shape;
      for (let i = 1; i < inputs.length; i++) shape = broadcastShapes(shape, inputs[i]!.shape, prim.name);
    } else if (COPY_OPS.has(prim.name)) {
      shape = (params as { shape: Shape }).shape;
    } else {
      throw NOT_FUSABLE;
    }
    const args = inputs.map((x) => this.ref(x));
    const ref = this.nodes.length;
    this.nodes.push({ prim: prim as Primitive<unknown>, params, args, shape });
    return new RecordTracer(this, placeholder(shape), ref);
  }
}

let recordingDepth = 0;

interface Recording {
  readonly leaves: readonly Tensor[];
  readonly nodes: readonly GraphNode[];
  /** null when some output is not computed by the graph (then `direct` holds the outputs). */
  readonly plan: Plan | null;
  readonly outputs: readonly Ref[];
  readonly shapes: readonly Shape[];
  readonly direct: readonly Tensor[];
}

/**
 * Runs fn on recording tracers. Returns null (after discarding the recording) when fn is not a fusable
 * elementwise graph. The discontinuity events of its ops are held back and reported only when the graph
 * is taken and `report` is true (an abandoned graph runs op by op, which reports them itself).
 */
function record(fn: (...xs: Tensor[]) => readonly Tensor[], args: readonly Tensor[], report: boolean): Recording | null {
  recordingDepth++;
  const trace = enterTrace((l) => new RecordTrace(l));
  let outs: readonly Tensor[];
  let events: [string, ReadonlySet<string>][];
  try {
    [outs, events] = holdEvents(() => fn(...args.map((a) => trace.input(a))));
  } catch (e) {
    if (e === NOT_FUSABLE) return null;
    throw e;
  } finally {
    exitTrace(trace);
    recordingDepth--;
  }
  const direct = outs.map((o) => live(o));
  const outputs = outs.map((o) => trace.ref(o));
  const shapes = outs.map((o) => o.shape);
  const plan = outputs.every((r) => r < 0) ? null : planFor(trace, outputs);
  if (plan === undefined) return null;
  if (report) for (const [op, sources] of events) recordEvent(op, sources);
  return { leaves: trace.leaves, nodes: trace.nodes, plan, outputs, shapes, direct };
}

// ---------------------------------------------------------------------------------------------------
// Plans

type Kind = 0 | 1 | 2 | 3;
const UNARY = 0, BINARY = 1, COPY = 2, GENERIC = 3;

interface Step {
  readonly kind: Kind;
  readonly prim: Primitive<unknown> | null;   // null for the copy of an output
  readonly params: unknown;
  readonly args: readonly number[];   // slots
  readonly out: number;               // slot
}

/**
 * A compiled graph. Slots 0…L−1 are the leaves, then one slot per node, then one per output copy.
 * A full slot holds n elements (read tile by tile), a scalar slot one (read with stride 0).
 */
interface Plan {
  readonly nLeaves: number;
  readonly nSlots: number;
  readonly full: readonly boolean[];
  /** Steps on scalars only, run once per call. */
  readonly pre: readonly Step[];
  /** Steps run on every tile. */
  readonly tile: readonly Step[];
  readonly outputs: readonly number[];
  /** Tile buffer of each full intermediate slot, −1 for leaves, scalars and outputs. */
  readonly buffer: readonly number[];
  readonly nBuffers: number;
  /** Full slots whose array is indexed by the element (leaves, outputs), not by the position in a tile. */
  readonly moving: readonly number[];
  /** The tile loop as generated JavaScript, or null where code generation is refused. */
  readonly generated: TileLoop | null;
}

type TileLoop = (
  arr: Float64Array[], off: number[], str: number[], n: number, steps: readonly Step[],
  run: typeof runStep,
) => void;

const plans = new Map<string, Plan>();
const MAX_PLANS = 512;

/** The cached plan of the recorded graph, or undefined when its sizes do not fit one tiling. */
function planFor(trace: RecordTrace, outputs: readonly Ref[]): Plan | undefined {
  const { leaves, nodes } = trace;
  const L = leaves.length;
  const n = sizeOf(outputs[0]! < 0 ? leaves[~outputs[0]!]!.shape : nodes[outputs[0]!]!.shape);
  const slot = (r: Ref): number => (r < 0 ? ~r : L + r);
  const sizes = [...leaves.map((x) => x.size), ...nodes.map((d) => sizeOf(d.shape))];
  // Every value is either full (n elements, laid out as the output: equal sizes never broadcast) or a
  // scalar; anything else (a general broadcast) is not one tiling.
  if (sizes.some((s) => s !== n && s !== 1)) return undefined;
  for (const r of outputs) if (sizes[slot(r)] !== n) return undefined;
  const full = sizes.map((s) => s === n);
  let key = `${n === 1 ? 1 : 0}|${full.slice(0, L).map((f) => (f ? 'f' : 's')).join('')}|`;
  for (const d of nodes) {
    const p = d.params === undefined || COPY_OPS.has(d.prim.name) ? '' : JSON.stringify(d.params);
    key += `${d.prim.name}${p}(${d.args.map(slot).join(',')})`;
  }
  key += `|${outputs.map(slot).join(',')}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    if (plans.size >= MAX_PLANS) plans.clear();
    plan = compile(trace, outputs.map(slot), full);
    plans.set(key, plan);
  }
  return plan;
}

function kindOf(prim: Primitive<unknown>): Kind {
  if (COPY_OPS.has(prim.name)) return COPY;
  if (prim.elementwise?.unary !== undefined) return UNARY;
  if (prim.elementwise?.binary !== undefined) return BINARY;
  return GENERIC;
}

function compile(trace: RecordTrace, outSlots: readonly number[], fullIn: readonly boolean[]): Plan {
  const L = trace.leaves.length;
  const full = [...fullIn];
  const steps: Step[] = trace.nodes.map((d, j) => ({
    kind: kindOf(d.prim), prim: d.prim, params: d.params, args: d.args.map((r) => (r < 0 ? ~r : L + r)), out: L + j,
  }));
  // Each output gets its own slot that no other step writes: a leaf or a repeated output is copied.
  const outputs: number[] = [];
  let nSlots = L + trace.nodes.length;
  for (const s of outSlots) {
    if (s < L || outputs.includes(s)) {
      const c = nSlots++;
      full.push(true);
      steps.push({ kind: COPY, prim: null, params: undefined, args: [s], out: c });
      outputs.push(c);
    } else {
      outputs.push(s);
    }
  }
  const pre = steps.filter((s) => !full[s.out]);
  const tile = steps.filter((s) => full[s.out]);
  // Tile buffers by liveness: a buffer is free again after the last step that reads it.
  const lastUse = new Array<number>(nSlots).fill(-1);
  tile.forEach((s, k) => { for (const a of s.args) lastUse[a] = k; });
  const buffer = new Array<number>(nSlots).fill(-1);
  const free: number[] = [];
  let nBuffers = 0;
  tile.forEach((s, k) => {
    if (!outputs.includes(s.out)) buffer[s.out] = free.pop() ?? nBuffers++;
    for (const a of new Set(s.args)) if (a >= L && buffer[a]! >= 0 && lastUse[a] === k) free.push(buffer[a]!);
  });
  const moving = [...Array(nSlots).keys()].filter((s) => full[s] && (s < L || buffer[s] === -1));
  const plan = { nLeaves: L, nSlots, full, pre, tile, outputs, buffer, nBuffers, moving, generated: null };
  return { ...plan, generated: generate(plan) };
}

const inlinable = (s: Step): boolean => s.kind === COPY || s.prim?.elementwise?.expr !== undefined;

/**
 * The tile loop as one JavaScript function: each run of consecutive inlinable steps becomes one loop
 * over the tile whose intermediate values stay in registers (`const v5 = v3 * c1`, the same operation per
 * element as the op's own loop); other steps (the WebAssembly transcendental kernels, generic ops) run
 * on tile buffers between those loops. Values are stored only where a later loop, another step or the
 * caller reads them.
 */
function generate(plan: Omit<Plan, 'generated'>): TileLoop | null {
  const { tile, full, moving, outputs } = plan;
  const segmentOf = new Array<number>(plan.nSlots).fill(-1);
  let seg = 0;
  for (const s of tile) {
    if (inlinable(s)) segmentOf[s.out] = seg;
    else seg++;   // a step that is called ends the current loop
  }
  const readOutside = new Set<number>(outputs);
  for (const s of tile) for (const a of s.args) if (!inlinable(s) || segmentOf[a] !== segmentOf[s.out]) readOutside.add(a);
  const isMoving = new Set(moving);
  const at = (a: number): string => (isMoving.has(a) ? `a${a}[i + j]` : `a${a}[j]`);
  const lines: string[] = [];
  for (let a = 0; a < plan.nSlots; a++) {
    if (full[a]) lines.push(`const a${a} = arr[${a}];`);
    else if (a < plan.nLeaves || plan.pre.some((s) => s.out === a)) lines.push(`const c${a} = arr[${a}][0];`);
  }
  lines.push(`for (let i = 0; i < n; i += ${TILE}) {`, `const m = n - i < ${TILE} ? n - i : ${TILE};`);
  for (const a of moving) lines.push(`off[${a}] = i;`);
  let k = 0;
  while (k < tile.length) {
    const s = tile[k]!;
    if (!inlinable(s)) {
      lines.push(`run(steps[${k}], m, arr, off, str);`);
      k++;
      continue;
    }
    const body: string[] = [];
    const local = new Set<number>();
    const operand = (a: number): string => {
      if (!full[a]) return `c${a}`;
      if (!local.has(a)) { body.push(`const v${a} = ${at(a)};`); local.add(a); }
      return `v${a}`;
    };
    for (; k < tile.length && inlinable(tile[k]!); k++) {
      const t = tile[k]!;
      const ops = t.args.map(operand);
      const expr = t.kind === COPY ? ops[0]! : t.prim!.elementwise!.expr!(...ops);
      body.push(`const v${t.out} = ${expr};`);
      local.add(t.out);
      if (readOutside.has(t.out)) body.push(`${at(t.out)} = v${t.out};`);
    }
    lines.push('for (let j = 0; j < m; j++) {', ...body, '}');
  }
  lines.push('}');
  try {
    // Expressions may call the engine-independent scalar functions as dmath.f(…) (pow, tan, atan).
    const make = new Function('dmath', `return function (arr, off, str, n, steps, run) {\n${lines.join('\n')}\n};`);
    return make(dmath) as TileLoop;
  } catch {
    return null;   // a Content Security Policy refusing generated code: the steps run one by one
  }
}

// ---------------------------------------------------------------------------------------------------
// Running a plan

const tileBuffers: Float64Array[] = [];
let running = false;
let generatedEnabled = true;

/** How many graphs ran as fused kernels and how many op by op, since the start (for tests). */
export const fuseCounts = { fused: 0, opByOp: 0 };

/** Turns the generated tile loops off or on (tests compare them with the step-by-step path). */
export function setFuseCodegenEnabled(on: boolean): void {
  generatedEnabled = on;
}

/** A length-m view of slot s at the current tile. */
function view(arr: Float64Array, off: number, m: number): Float64Array {
  return off === 0 && arr.length === m ? arr : arr.subarray(off, off + m);
}

function runStep(s: Step, m: number, arr: Float64Array[], off: number[], str: number[]): void {
  const o = s.out;
  switch (s.kind) {
    case UNARY:
      s.prim!.elementwise!.unary!(view(arr[s.args[0]!]!, off[s.args[0]!]!, m), view(arr[o]!, off[o]!, m));
      return;
    case BINARY: {
      const a = s.args[0]!;
      const b = s.args[1]!;
      s.prim!.elementwise!.binary!(arr[a]!, off[a]!, str[a]!, arr[b]!, off[b]!, str[b]!, arr[o]!, off[o]!, m);
      return;
    }
    case COPY: {
      const a = s.args[0]!;
      const dst = view(arr[o]!, off[o]!, m);
      if (str[a] === 0) dst.fill(arr[a]![off[a]!]!);
      else dst.set(view(arr[a]!, off[a]!, m));
      return;
    }
    default: {
      const inputs = s.args.map((a) => (str[a] === 0 ? new Tensor(arr[a]!.subarray(0, 1), [1]) : new Tensor(view(arr[a]!, off[a]!, m), [m])));
      const r = s.prim!.impl(inputs, s.params).data;
      const dst = view(arr[o]!, off[o]!, m);
      if (r.length === m) dst.set(r);
      else dst.fill(r[0]!);
    }
  }
}

/** Runs the plan on concrete leaves; returns one new array of n elements per output. */
function runPlan(plan: Plan, leaves: readonly Tensor[], n: number): Float64Array[] {
  fuseCounts.fused++;
  const S = plan.nSlots;
  const L = plan.nLeaves;
  const arr = new Array<Float64Array>(S);
  const off = new Array<number>(S).fill(0);
  const str = new Array<number>(S);
  const nested = running;   // a generic step's impl could itself run a plan: it gets its own buffers
  let bufs = tileBuffers;
  if (nested) bufs = [];
  while (bufs.length < plan.nBuffers) bufs.push(new Float64Array(TILE));
  for (let s = 0; s < S; s++) {
    str[s] = plan.full[s] ? 1 : 0;
    if (s < L) arr[s] = leaves[s]!.data;
    else if (!plan.full[s]) arr[s] = new Float64Array(1);
    else if (plan.buffer[s]! >= 0) arr[s] = bufs[plan.buffer[s]!]!;
  }
  const outs = plan.outputs.map((s) => (arr[s] = alloc(n)));
  running = true;
  try {
    for (const s of plan.pre) runStep(s, 1, arr, off, str);
    const tile = plan.tile;
    if (plan.generated !== null && generatedEnabled) {
      plan.generated(arr, off, str, n, tile, runStep);
    } else {
      for (let i = 0; i < n; i += TILE) {
        const m = Math.min(TILE, n - i);
        for (const s of plan.moving) off[s] = i;
        for (let k = 0; k < tile.length; k++) runStep(tile[k]!, m, arr, off, str);
      }
    }
  } finally {
    running = nested;
  }
  return outs;
}

// ---------------------------------------------------------------------------------------------------
// The fused primitive

interface FusedParams {
  readonly plan: Plan;
  readonly nodes: readonly GraphNode[];
  readonly output: Ref;
  readonly shape: Shape;
}

/** Evaluates the graph op by op on `leaves` (under whatever traces are active). */
function replay(nodes: readonly GraphNode[], output: Ref, leaf: (i: number, node: number, arg: number) => Tensor): Tensor {
  const vals: Tensor[] = [];
  nodes.forEach((d, j) => {
    vals.push(bind(d.prim, d.args.map((r, k) => (r < 0 ? leaf(~r, j, k) : vals[r]!)), d.params));
  });
  return output < 0 ? leaf(~output, -1, -1) : vals[output]!;
}

/** Stands for a symbolic zero tangent in a fused JVP. */
const ZERO = new Tensor(new Float64Array(1), []);

const isConcrete = (x: Tensor): boolean => !(live(x) instanceof Tracer);

const fusedP: Primitive<FusedParams> = definePrimitive<FusedParams>({
  name: 'fused',
  // A discontinuous op inside was reported when the graph was recorded.
  smoothness: 'smooth',
  impl: (leaves, p) => new Tensor(runPlan(p.plan, leaves, sizeOf(p.shape))[0]!, p.shape),
  jvp: (tangents, leaves, _out, p) => {
    const [fn, inputs] = tangentGraph(p, leaves, [tangents]);
    const t = callGraph((...xs) => [fn(...xs)[0] ?? ZERO], inputs);
    return t === ZERO ? null : t;
  },
  // All lanes in one pass (the primal's intermediates computed once per tile), when nothing is traced.
  jvpLanes: (lanes, leaves, _out, p) => {
    const [fn, inputs, which] = tangentGraph(p, leaves, lanes);
    if (recordingDepth > 0 || debugEnabled() || !inputs.every(isConcrete)) return lanes.map((ts) => fusedP.jvp(ts, leaves, _out, p));
    const rec = record(fn, inputs, false);
    if (rec === null) return lanes.map((ts) => fusedP.jvp(ts, leaves, _out, p));
    const ts = rec.plan === null
      ? rec.direct
      : runPlan(rec.plan, rec.leaves, sizeOf(p.shape)).map((d, k) => new Tensor(d, rec.shapes[k]!));
    const out = new Array<Tensor | null>(lanes.length).fill(null);
    which().forEach((k, j) => { out[k] = ts[j]!; });
    return out;
  },
  vjp: (g, leaves, _out, p, needs) => fusedVjp(g, leaves, p, needs),
});

/**
 * The graph of the output tangents along several lanes: a function of the leaves and the non-zero input
 * tangents returning the non-zero output tangents (which lanes they belong to: `which()` after a call).
 */
function tangentGraph(
  p: FusedParams, leaves: readonly Tensor[], lanes: readonly (readonly (Tensor | null)[])[],
): [(...xs: Tensor[]) => Tensor[], Tensor[], () => number[]] {
  const L = leaves.length;
  const K = lanes.length;
  const flat: Tensor[] = [];
  const index = lanes.map((ts) => leaves.map((_, i) => (ts[i] == null ? -1 : flat.push(ts[i]!) - 1)));
  let which: number[] = [];
  const fn = (...xs: Tensor[]): Tensor[] => {
    const trace = enterTrace((l) => new ForwardTrace(l, K));
    try {
      const lifted = xs.slice(0, L).map((x, i) => {
        const ts = index.map((ix) => (ix[i]! < 0 ? null : xs[L + ix[i]!]!));
        return ts.every((t) => t === null) ? x : trace.lift(x, ts);
      });
      const y = live(replay(p.nodes, p.output, (i) => lifted[i]!));
      which = [];
      const outs: Tensor[] = [];
      if (y instanceof ForwardTracer && y.trace === trace) {
        y.tangents.forEach((t, k) => { if (t !== null) { which.push(k); outs.push(t); } });
      }
      return outs;
    } finally {
      exitTrace(trace);
    }
  };
  return [fn, [...leaves, ...flat], () => which];
}

/**
 * The cotangents of the leaves. A scalar leaf gets one full-size leaf per use, so its per-use
 * cotangents come out unsummed; they are summed and added here in the order the tape would add them
 * (last use first), which keeps the bits of the unfused backward pass.
 */
function fusedVjp(g: Tensor, leaves: readonly Tensor[], p: FusedParams, needs: readonly boolean[]): (Tensor | null)[] {
  const n = sizeOf(p.shape);
  const L = leaves.length;
  const isFull = leaves.map((x) => x.size === n);
  // Layout of the cotangents returned by `backward`, filled in when it runs.
  let layout: { leaf: number; node: number; arg: number }[] = [];
  const backward = (...xs: Tensor[]): Tensor[] => {
    const trace = enterTrace((l) => new ReverseTrace(l));
    layout = [];
    const uses: { leaf: number; node: number; arg: number; tracer: ReverseTracer }[] = [];
    try {
      const whole = xs.slice(0, L).map((x, i) => (needs[i] && isFull[i] ? trace.leaf(x) : null));
      const y = live(replay(p.nodes, p.output, (i, node, arg) => {
        const x = xs[i]!;
        if (!needs[i]) return x;
        if (isFull[i]) return whole[i]!;
        const shape = node < 0 ? p.shape : p.nodes[node]!.shape;
        const t = trace.leaf(sizeOf(shape) === 1 ? x : broadcastTo(x, shape));
        uses.push({ leaf: i, node, arg, tracer: t });
        return t;
      }));
      if (!(y instanceof ReverseTracer && y.trace === trace)) return [];
      trace.backward(y.node, xs[L]!);
      const cts: Tensor[] = [];
      whole.forEach((t, i) => {
        if (t !== null && t.node.ct !== null) { layout.push({ leaf: i, node: -1, arg: -1 }); cts.push(t.node.ct); }
      });
      for (const u of uses) {
        if (u.tracer.node.ct !== null) { layout.push(u); cts.push(u.tracer.node.ct); }
      }
      return cts;
    } finally {
      exitTrace(trace);
    }
  };
  const inputs = [...leaves, g];
  let cts: readonly Tensor[] | null = null;
  if (recordingDepth === 0 && !debugEnabled() && inputs.every(isConcrete)) {
    const rec = record(backward, inputs, false);
    if (rec !== null) {
      if (rec.plan === null) cts = rec.direct;
      else {
        const data = runPlan(rec.plan, rec.leaves, n);
        cts = data.map((d, k) => new Tensor(d, rec.shapes[k]!));
      }
    }
  }
  if (cts === null) {
    fuseCounts.opByOp++;
    cts = backward(...inputs);   // not fusable (or under another transformation): op by op
  }
  const out: (Tensor | null)[] = new Array<Tensor | null>(L).fill(null);
  // Full leaves first (one cotangent each), then the uses of scalar leaves, latest node first.
  const whole = layout.flatMap((u, k) => (u.node === -1 ? [k] : []));
  const uses = layout.flatMap((u, k) => (u.node === -1 ? [] : [k]))
    .sort((a, b) => layout[b]!.node - layout[a]!.node || layout[a]!.arg - layout[b]!.arg);
  const order = [...whole, ...uses];
  for (const k of order) {
    const u = layout[k]!;
    if (u.node === -1 && isFull[u.leaf]) { out[u.leaf] = cts[k]!; continue; }
    const leafShape = leaves[u.leaf]!.shape;
    const c = sumToShape(cts[k]!, leafShape);
    out[u.leaf] = out[u.leaf] === null ? c : add(out[u.leaf]!, c);
  }
  return out;
}

/** fn's single output, by a fused kernel when fn records as one, else op by op. */
function callGraph(fn: (...xs: Tensor[]) => Tensor[], args: readonly Tensor[]): Tensor {
  if (recordingDepth > 0 || debugEnabled()) return fn(...args)[0]!;
  const rec = record(fn, args, true);
  if (rec === null) {
    fuseCounts.opByOp++;
    return fn(...args)[0]!;
  }
  if (rec.plan === null) return rec.direct[0]!;
  return bind(fusedP, rec.leaves, { plan: rec.plan, nodes: rec.nodes, output: rec.outputs[0]!, shape: rec.shapes[0]! });
}

/**
 * Fuses an elementwise function: the returned function computes the same values, bit for bit, and the
 * same derivatives under grad/jvp/vjp, in one pass over cache-sized tiles. fn may use any elementwise op,
 * numbers, scalars and tensors of the output's size, including values it captures. It must not read
 * the values of its tensors (they are placeholders while it is recorded); anything that is not
 * elementwise makes it run op by op, as written. The compiled kernel is cached by the graph's structure.
 *
 * Cotangents: a value that fn's inputs share with later ops outside fn may be summed in a different
 * order than op by op (the fused graph's contribution arrives as one term).
 *
 * @example
 * const f = fuse((x: Tensor, s: Tensor) => tanh(mul(exp(x), s)));
 * f(tensor([0, 1]), 0.5).toArray();   // [tanh(0.5), tanh(e/2)]
 */
export function fuse<A extends TensorLike[]>(fn: (...args: { [K in keyof A]: Tensor }) => TensorLike): (...args: A) => Tensor {
  const run = (...xs: Tensor[]): Tensor[] => [toTensor(fn(...(xs as { [K in keyof A]: Tensor })), 'fuse')];
  return (...args: A): Tensor => callGraph(run, args.map((a) => toTensor(a, 'fuse')));
}
