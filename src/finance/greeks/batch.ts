/**
 * All estimators on one batch of paths. Every per-path quantity (payoff, tangents, bumped values, scores)
 * is computed at most once per batch and shared by the estimators that need it: the pathwise delta feeds
 * pathwise, mixed and auto alike, and every method sees the same normals (common random numbers). Paths are
 * never stored: each quantity is a stream over time (stream.ts), and the tangents a batch needs of one
 * variant are carried together in one forward pass. The estimators themselves are entries of one table
 * (estimators/table.ts) that read these shared quantities.
 */
import { scalar } from '../../tensor/create.js';
import { inputsOf, withInput, GREEK_INPUT, type DiffInputs, type InputName } from '../models/inputs.js';
import type { GreekName } from '../types.js';
import { europeanPathwiseKernel, type EuropeanPathwiseArrays } from './fused-european.js';
import { gbmScores, type GbmScores } from './likelihood-ratio.js';
import { SIGN } from './estimators/estimator.js';
import { GREEK_ESTIMATORS } from './estimators/table.js';
import type { ConcreteMethod } from './method-status.js';
import type { NoiseColumns } from './noise.js';
import { streamTangents, streamValue, type PathStream } from './stream.js';
import { conditionalStream, plainStream, vibratoStream, type Problem } from './valuers.js';

/** The estimator variants whose per-path values and tangents a batch computes. */
export type Variant = 'plain' | 'conditional' | 'vibrato';

/**
 * The inputs each variant is differentiated with respect to by a list of (greek, method) tasks (the lanes the
 * estimators declare): the lanes of each variant's single forward pass.
 *
 * @example
 * ```ts
 * tangentPlan([{ greek: 'delta', method: 'pathwise' }, { greek: 'vega', method: 'pathwise' }]).get('plain');   // ['spot', 'vol']
 * ```
 */
export function tangentPlan(tasks: readonly { greek: GreekName; method: ConcreteMethod }[]): Map<Variant, InputName[]> {
  const plan = new Map<Variant, InputName[]>();
  for (const { greek, method } of tasks) {
    const lane = GREEK_ESTIMATORS[method].lane(greek);
    if (lane === null) continue;
    const list = plan.get(lane.variant) ?? [];
    if (!list.includes(lane.input)) list.push(lane.input);
    plan.set(lane.variant, list);
  }
  return plan;
}

/**
 * Bump sizes of the central differences. The bias is about f'''·h²/6 (f''''·h²/12 for gamma); the spot step
 * is 2.5 % of the terminal standard deviation S·σ√T, which keeps that bias below a fifth of the standard
 * error even at 1e6 paths (test/finance/finite-difference-bias.test.ts), while the variance of a difference
 * of kinked payoffs (∝ 1/h for gamma) stays moderate.
 *
 * @example
 * ```ts
 * bumpSize(problemOf({ kind: 'bs' }, { kind: 'call', strike: 100 }, { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }, {}), 'spot');   // 0.5
 * ```
 */
export function bumpSize(pb: Problem, input: InputName): number {
  const { spot, vol, maturity } = pb.market;
  switch (input) {
    case 'spot': return Math.max(0.025 * spot * vol * Math.sqrt(maturity), 1e-7 * spot);   // floor: S ± h stays distinct from S
    case 'vol': return 0.02 * vol;
    case 'rate': return 1e-3;
    case 'maturity': return Math.min(0.02, 0.25 / pb.steps) * maturity;   // a bump shortens the first step only
  }
}

export class Batch {
  private readonly memo = new Map<string, Float64Array>();
  private readonly x: DiffInputs;
  private readonly streams = new Map<string, PathStream>();
  private fusedArrays: EuropeanPathwiseArrays | null = null;
  private scoresCache: GbmScores | null = null;

  /**
   * `noise`: the batch's normals, column by column; `fused`: use the one-loop European kernel for payoff and
   * pathwise Greeks, writing into `scratch` when its arrays have length n (batch after batch, no garbage);
   * `plan`: the inputs each variant's forward pass carries (default: one pass per requested tangent).
   * Run it outside any `tidy` (see stream.ts).
   */
  constructor(
    readonly pb: Problem, private readonly noise: NoiseColumns, readonly n: number, private readonly fused: boolean,
    private readonly scratch?: EuropeanPathwiseArrays, private readonly plan: ReadonlyMap<Variant, readonly InputName[]> = new Map(),
  ) {
    this.x = inputsOf(pb.market);
  }

  private once(key: string, fn: () => Float64Array): Float64Array {
    let v = this.memo.get(key);
    if (v === undefined) this.memo.set(key, (v = fn()));
    return v;
  }

  private stream(variant: Variant | 'held'): PathStream {
    let v = this.streams.get(variant);
    if (v !== undefined) return v;
    v = variant === 'plain' ? plainStream(this.pb, this.noise)
      : variant === 'held' ? plainStream(this.pb, this.noise, true)
        : variant === 'vibrato' ? vibratoStream(this.pb, this.noise)
          : conditionalStream(this.pb, this.noise);
    this.streams.set(variant, v);
    return v;
  }

  private fusedOut(): EuropeanPathwiseArrays {
    if (this.fusedArrays === null) {
      const n = this.n;
      const a = this.scratch?.price.length === n ? this.scratch : {
        price: new Float64Array(n), delta: new Float64Array(n), vega: new Float64Array(n), rho: new Float64Array(n), theta: new Float64Array(n),
      };
      europeanPathwiseKernel(this.pb.market, this.pb.payoff.strike, this.pb.payoff.kind === 'put' ? -1 : 1, this.noise.column(0), n, a);
      this.fusedArrays = a;
    }
    return this.fusedArrays;
  }

  /** Per-path value of an estimator variant at the inputs, bumped by `h` in `input` when given. */
  value(variant: Variant = 'plain', input: InputName = 'spot', h = 0): Float64Array {
    if (this.fused && variant === 'plain' && h === 0) return this.fusedOut().price;
    return this.once(`v:${variant}:${h === 0 ? '' : `${input}:${h}`}`, () => {
      const x = h === 0 ? this.x : withInput(this.x, input, scalar(this.x[input].data[0]! + h));
      return streamValue(this.stream(variant), x, this.n);
    });
  }

  /** Per-path forward-mode derivative of a variant with respect to one input (with the plan's other inputs, in one pass). */
  tangent(variant: Variant, input: InputName): Float64Array {
    if (this.fused && variant === 'plain') {
      const a = this.fusedOut();
      // the kernel returns theta = −∂/∂T; tangents are plain derivatives
      return input === 'spot' ? a.delta : input === 'vol' ? a.vega : input === 'rate' ? a.rho : this.once('fused:dT', () => a.theta.map((v) => -v));
    }
    const key = `t:${variant}:${input}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const planned = this.plan.get(variant) ?? [];
    const inputs = planned.includes(input) ? planned.filter((i) => !this.memo.has(`t:${variant}:${i}`)) : [input];
    const r = streamTangents(this.stream(variant), this.x, inputs, this.n);
    inputs.forEach((i, k) => this.memo.set(`t:${variant}:${i}`, r.tangents[k]!));
    if (!this.memo.has(`v:${variant}:`)) this.memo.set(`v:${variant}:`, r.value);
    return this.memo.get(key)!;
  }

  /** Engine pathwise tangent even when the fused kernel is on (for the agreement test). */
  engineTangent(input: InputName): Float64Array {
    return streamTangents(this.stream('plain'), this.x, [input], this.n).tangents[0]!;
  }

  /** The LR scores of the batch's GBM paths (read step by step from the normals). */
  scores(): GbmScores {
    this.scoresCache ??= gbmScores(this.pb.market, (i) => this.noise.column(i), this.pb.steps, this.n);
    return this.scoresCache;
  }

  /** ∂f/∂input with the path held fixed: the explicit dependence (discount factors) the LR adds to its score term. */
  explicit(input: InputName): Float64Array {
    return this.once(`e:${input}`, () => streamTangents(this.stream('held'), this.x, [input], this.n).tangents[0]!);
  }

  /** Per-path central difference of a variant's value in the greek's input (second difference for gamma). */
  centralDifference(variant: Variant, greek: GreekName): Float64Array {
    const input = GREEK_INPUT[greek];
    const h = bumpSize(this.pb, input);
    const up = this.value(variant, input, h);
    const down = this.value(variant, input, -h);
    const out = new Float64Array(this.n);
    if (greek === 'gamma') {
      const mid = this.value(variant);
      for (let j = 0; j < this.n; j++) out[j] = (up[j]! - 2 * mid[j]! + down[j]!) / (h * h);
    } else {
      const c = SIGN[greek] / (2 * h);
      for (let j = 0; j < this.n; j++) out[j] = c * (up[j]! - down[j]!);
    }
    return out;
  }

  /** Per-path estimator of `greek` by `method` (the caller has checked that it applies). */
  estimator(greek: GreekName, method: ConcreteMethod): Float64Array {
    return GREEK_ESTIMATORS[method].perPath(this, greek);
  }
}
