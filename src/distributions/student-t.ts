/**
 * Student's t distribution with `df` ν, location and scale, reparameterized as
 *
 *   z = loc + scale·ε / √(χ²/ν),  ε ~ N(0, 1),  χ² = 2G,  G ~ Gamma(ν/2, 1),
 *
 * with G entering through the implicit gamma sample (implicit-sample.ts; Figurnov, Mohamed & Mnih 2018),
 * so that gradients flow to ν as well as to loc and scale.
 *
 * Small df: everything is carried in logarithms, log|z − loc| = log|ε| + log σ + ½(log ν − log 2 − log G)
 * with log G exact for every shape, so no intermediate underflows or overflows. The true sample can still
 * exceed the largest double: P(|T| > 1.8e308) is 0.490 at ν = 1e-3, 8.0e-4 at ν = 0.01 and 1.2e-31 at
 * ν = 0.1 (mpmath), a genuine part of the law. Such samples are returned as ±Number.MAX_VALUE, atoms (representable.ts):
 * logProb there is log P(z beyond ±MAX_VALUE) and the gradient is 0, so every estimator is unbiased for
 * E[f(returned z)], which is E[f(z)] for f with finite limits at ±∞ (tanh, the CDF of z, 1/(1 + z²), …).
 * ±Infinity would be the correctly rounded value, but it turns ordinary f (z/(1 + z²), z·e^−|z|) into
 * ∞/∞ = NaN, so it is never returned.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { bind, concrete } from '../ad/trace.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import type { Shape } from '../tensor/shape.js';
import { abs, add, broadcastTo, clamp, digamma, div, exp, greater, lgamma, log, log1p, mul, softplus, square, sub, where } from '../ad/ops/index.js';
import { Tensor as TensorClass } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { alloc } from '../tensor/pool.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { logGammaNoise, normalNoise, STREAM, subKey } from './sampling.js';
import { logGammaSample } from './implicit-sample.js';
import { paramArray, paramData } from './param-data.js';
import { anySet, atomMask, LOG_MAX } from './representable.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const LOG_PI = dmath.log(Math.PI);
const concreteData = (t: Tensor): Float64Array => concrete(t).data;
const LGAMMA_HALF = 0.5 * LOG_PI;   // log Γ(½) = log √π
const MAX = Number.MAX_VALUE;
/** Terms of the tail series (see logTailBeyond): exact for t ≤ 0.05, i.e. (MAX_VALUE − |loc|)/σ ≥ 4.4√ν. */
const TAIL_TERMS = 14;
/** u²/ν beyond e^460 ≈ 1e200: log1p(u²/ν) is 2·log|u| − log ν to double precision (and u² may overflow). */
const LOG_FAR = 460;

/**
 * z = loc + sign·e^q, clamped to ±MAX_VALUE, as one primitive: a sample with |z| = MAX_VALUE is an atom
 * (derivatives 0), and the derivatives elsewhere, dz/dloc = 1 and dz/dq = sign·e^q = z − loc, saturate at
 * ±MAX_VALUE instead of overflowing. With the derivative formed op by op, a forward-mode tangent such as
 * (z − loc)·dq/dν overflows for z ≈ 1e308 and then meets f′(z) = 0 (tanh, 1/(1 + z²)) as 0·∞ = NaN.
 * The sum is formed in quarters: beyond q = log(MAX_VALUE) + 1 the sample is an atom whatever loc is.
 */
const assembleP: Primitive<{ sign: Float64Array }> = definePrimitive<{ sign: Float64Array }>({
  name: 'studentTAssemble',
  smoothness: 'smooth',
  impl: ([loc, q], { sign }) => {
    const ld = paramArray(loc!, q!.shape);
    const qd = q!.data;
    const out = alloc(qd.length);
    for (let i = 0; i < qd.length; i++) {
      const quarter = 0.25 * ld[i]! + sign[i]! * dmath.exp(Math.min(qd[i]!, LOG_MAX + 1) - 2 * Math.LN2);
      const z = 4 * quarter;
      out[i] = z > MAX ? MAX : z < -MAX ? -MAX : z;
    }
    return new TensorClass(out, q!.shape);
  },
  vjp: (g, [, q], out, { sign }, needs) => {
    const [dl, dq] = assembleDerivatives(q!, out, sign);
    return [needs[0] ? saturate(mul(g, dl)) : null, needs[1] ? saturate(mul(g, dq)) : null];
  },
  jvp: ([tl, tq], [, q], out, { sign }) => {
    const [dl, dq] = assembleDerivatives(q!, out, sign);
    const a = tl === null || tl === undefined ? null : mul(tl, dl);
    const b = tq === null || tq === undefined ? null : mul(tq, dq);
    const t = a === null ? b : b === null ? a : add(a, b);
    return t === null ? null : saturate(t);
  },
});

/** [dz/dloc, dz/dq] as constants: 1 and sign·min(e^q, MAX_VALUE), both 0 at the atoms. */
function assembleDerivatives(q: Tensor, out: Tensor, sign: Float64Array): [Tensor, Tensor] {
  const qd = concreteData(q);
  const zd = concreteData(out);
  const dl = alloc(qd.length);
  const dq = alloc(qd.length);
  for (let i = 0; i < qd.length; i++) {
    const atom = Math.abs(zd[i]!) === MAX;
    dl[i] = atom ? 0 : 1;
    dq[i] = atom ? 0 : sign[i]! * Math.min(dmath.exp(qd[i]!), MAX);
  }
  return [new TensorClass(dl, q.shape), new TensorClass(dq, q.shape)];
}

/** Products of derivatives that exceed the doubles become ±MAX_VALUE (they meet f′(z) = 0 at most). */
const saturate = (t: Tensor): Tensor => clamp(t, -MAX, MAX);

/**
 * What {@link StudentT} returns (for `instanceof` and types); the factory validates the parameters.
 * @example StudentT(3) instanceof StudentTDistribution   // true
 */
export class StudentTDistribution extends Distribution {
  readonly name = 'StudentT';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly df: Tensor, readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('StudentT', df, loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const half = div(this.df, 2);
    const l = logGammaSample(half, logGammaNoise(subKey(key, STREAM.second), shape, rowOffset, paramData(half, shape)), shape);
    // ε as log|ε| and sign ε (constants), then q = log|z − loc| = log|ε| + log σ + ½(log ν − log 2 − log G).
    const eps = normalNoise(key, shape, rowOffset).data;
    const logAbs = alloc(eps.length);
    const sign = alloc(eps.length);
    for (let i = 0; i < eps.length; i++) {
      logAbs[i] = dmath.log(Math.abs(eps[i]!));
      sign[i] = eps[i]! < 0 ? -1 : 1;
    }
    const q = add(add(new TensorClass(logAbs, shape), log(this.scale)), mul(sub(sub(log(this.df), Math.LN2), l), 0.5));
    return bind(assembleP, [this.loc, q], { sign });
  }

  /**
   * log Γ((ν+1)/2) − log Γ(ν/2) − ½log(νπ) − log σ − (ν+1)/2 · log(1 + u²/ν), u = (x − loc)/σ, finite for
   * every finite x (far out, log(1 + u²/ν) is formed as 2·log|u| − log ν). At ±Number.MAX_VALUE, the atoms,
   * the log probability of the atom: log P(T > w) with w = (MAX_VALUE ∓ loc)/σ (see logTailBeyond).
   */
  logProb(x: TensorLike): Tensor {
    const nu = this.df;
    const xt = toTensor(x, 'StudentT.logProb');
    const c = sub(sub(lgamma(div(add(nu, 1), 2)), lgamma(div(nu, 2))), add(mul(add(log(nu), LOG_PI), 0.5), log(this.scale)));
    const density = (y: Tensor) => {
      const far = this.farMask(y);
      if (!anySet(far)) return sub(c, mul(div(add(nu, 1), 2), log1p(div(square(div(sub(y, this.loc), this.scale)), nu))));
      const near = where(far, this.loc, y);
      const logNear = log1p(div(square(div(sub(near, this.loc), this.scale)), nu));
      const logFar = sub(mul(this.logAbsU(where(far, y, add(this.loc, this.scale))), 2), log(nu));
      return sub(c, mul(div(add(nu, 1), 2), where(far, logFar, logNear)));
    };
    const atom = atomMask(xt, MAX, -MAX);
    if (!anySet(atom)) return density(xt);
    const side = new TensorClass(Float64Array.from(concreteData(xt), (v) => (v < 0 ? -1 : 1)), xt.shape);
    return where(atom, this.logTailBeyond(side), density(where(atom, this.loc, xt)));
  }

  /** log|u| = log|x − loc| − log σ, with x − loc formed in halves (it may exceed MAX_VALUE). */
  private logAbsU(x: Tensor): Tensor {
    return sub(add(log(abs(sub(mul(x, 0.5), mul(this.loc, 0.5)))), Math.LN2), log(this.scale));
  }

  /** 1 where u²/ν > e^LOG_FAR (from concrete values; a constant mask). */
  private farMask(x: Tensor): Tensor {
    const xd = concreteData(x);
    const loc = paramArray(this.loc, x.shape);
    const scale = paramArray(this.scale, x.shape);
    const nu = paramArray(this.df, x.shape);
    const m = new Float64Array(xd.length);
    for (let i = 0; i < xd.length; i++) {
      const logU = dmath.log(Math.abs(0.5 * xd[i]! - 0.5 * loc[i]!)) + Math.LN2 - dmath.log(scale[i]!);
      m[i] = 2 * logU - dmath.log(nu[i]!) > LOG_FAR ? 1 : 0;
    }
    return new TensorClass(m, x.shape);
  }

  /**
   * log P(T > w), w = (MAX_VALUE − side·loc)/σ, T standard Student t: with t = ν/(ν + w²) and p = ν/2,
   * P(T > w) = ½ I_t(p, ½) = ½ t^p/B(p, ½) · Σ_n ((½)_n/n!) tⁿ/(p + n) (DLMF 8.17.8), all terms positive.
   * For |loc| ≤ MAX_VALUE/2, w ≥ MAX_VALUE/(2σ) and t is below 1e-300 unless σ is astronomically large;
   * TAIL_TERMS terms are exact to double precision for t ≤ 0.05 (beyond, e.g. loc within σ·√ν of
   * MAX_VALUE, the truncated series underestimates the atom's mass).
   */
  private logTailBeyond(side: Tensor): Tensor {
    const nu = this.df;
    const p = div(nu, 2);
    const logW = sub(add(log(sub(MAX / 2, mul(mul(side, this.loc), 0.5))), Math.LN2), log(this.scale));
    const logT = mul(softplus(sub(mul(logW, 2), log(nu))), -1);
    const t = exp(logT);
    let series: Tensor = div(1, p);
    let power: Tensor | number = 1;
    let coef = 1;
    for (let n = 1; n < TAIL_TERMS; n++) {
      coef *= (n - 0.5) / n;
      power = mul(power, t);
      series = add(series, div(mul(power, coef), add(p, n)));
    }
    const logBetaP = sub(add(lgamma(p), LGAMMA_HALF), lgamma(add(p, 0.5)));
    return add(sub(sub(mul(p, logT), logBetaP), Math.LN2), log(series));
  }

  /** loc for ν > 1, NaN otherwise (as SciPy). */
  override mean(): Tensor {
    return broadcastTo(where(greater(this.df, 1), this.loc, NaN), this.batchShape);
  }
  /** σ²ν/(ν − 2) for ν > 2, +∞ for 1 < ν ≤ 2, NaN for ν ≤ 1 (as SciPy). */
  override variance(): Tensor {
    const nu = this.df;
    const v = div(mul(square(this.scale), nu), sub(nu, 2));
    return broadcastTo(where(greater(nu, 2), v, where(greater(nu, 1), Infinity, NaN)), this.batchShape);
  }
  /** (ν+1)/2·(ψ((ν+1)/2) − ψ(ν/2)) + ½log ν + log B(ν/2, ½) + log σ. */
  override entropy(): Tensor {
    const nu = this.df;
    const a = div(nu, 2);
    const b = div(add(nu, 1), 2);
    const logBeta = sub(add(lgamma(a), LGAMMA_HALF), lgamma(b));
    const h = add(add(mul(b, sub(digamma(b), digamma(a))), mul(log(nu), 0.5)), add(logBeta, log(this.scale)));
    return broadcastTo(h, this.batchShape);
  }
}

/**
 * Student's t with `df` ν > 0, location `loc` and `scale` > 0; rsample is differentiable in all three.
 * @example
 * StudentT(3, 0, 1).variance().item();   // 3
 * StudentT(0, 0, 1);                     // throws PathwiseRangeError: StudentT: df must be > 0, got 0
 */
export function StudentT(df: TensorLike, loc: TensorLike = 0, scale: TensorLike = 1): StudentTDistribution {
  return new StudentTDistribution(
    param('StudentT', 'df', df, isPositive, '> 0'),
    param('StudentT', 'loc', loc, isReal, 'finite'),
    param('StudentT', 'scale', scale, isPositive, '> 0'),
  );
}
