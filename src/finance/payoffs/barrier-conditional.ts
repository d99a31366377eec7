/**
 * Barrier options smoothed by conditioning on one-step survival (Glasserman & Staum 2001, "Conditioning on
 * one-step survival for barrier option simulations", Operations Research 49(6), 923–937; Glasserman 2004 §7.2).
 *
 * Between monitoring dates tᵢ₋₁ and tᵢ the GBM log step is normal, so the probability pᵢ that S(tᵢ) stays
 * on the alive side of H is Φ(·) of the current state. Each step is drawn from its law conditioned on
 * survival (by inversion, Z = Φ⁻¹(U·pᵢ) up to sign), and the path carries the likelihood Lₘ = Πpᵢ instead
 * of the indicator Π1{alive}. E[Lₘ·payoff] is exactly the discretely monitored price, and the estimator is
 * a smooth function of S, σ, r and T (kinked only by max(·, 0)), so pathwise derivatives through it are
 * unbiased where those through the indicator are not. Knock-outs' rebates are paid with the probability
 * Lᵢ₋₁(1 − pᵢ) of a first breach at tᵢ; knock-ins are vanilla − knock-out, the vanilla on the unconditioned
 * path driven by the same normals.
 */
import { add, div, exp, log, mul, normCdf, normQuantile, reshape, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { scalar } from '../../tensor/create.js';
import { dateOf, defaultSchedule, stepLength, type Schedule } from '../models/dates.js';
import { gbmStepMoments } from '../models/gbm.js';
import { modelStep, pathModelOf } from '../models/path-model.js';
import type { DiffInputs } from '../models/inputs.js';
import type { PayoffSpec } from '../types.js';
import { barrierKind, discount, vanilla } from './payoff.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/** The conditional estimator's running state: conditioned ln S, likelihood, rebate paid, unconditioned ln S. */
export type ConditionalState = Record<string, Tensor>;

/**
 * The conditional estimator of a GBM barrier option as a computation over the monitoring dates: `update` takes
 * date i's normal z (shape [paths, 1]) and u = Φ(z), the same randomness as a uniform. The unconditioned path
 * that a knock-in needs is stepped by the library's SDE scheme (models/path-model.ts).
 *
 * For instance (internal; not a public example):
 * ```ts
 * const c = conditionalBarrierStream(spec, 0.02, scheduleOf(1, z.length));
 * let s = c.init(x, n);
 * z.forEach((zi, i) => { s = c.update(x, s, i, zi, normCdf(zi)); });
 * const v = c.finish(x, s);
 * ```
 */
export function conditionalBarrierStream(spec: PayoffSpec, dividend: number, schedule: Schedule): {
  init(x: DiffInputs, n: number): ConditionalState;
  update(x: DiffInputs, s: ConditionalState, i: number, z: Tensor, u: Tensor): ConditionalState;
  finish(x: DiffInputs, s: ConditionalState): Tensor;
} {
  const lnH = dmath.log(spec.barrier!);
  const eta = spec.barrierType!.startsWith('down') ? 1 : -1;   // alive while η(ln S − ln H) > 0
  const out = spec.barrierType!.endsWith('out');
  const rebate = spec.rebate ?? 0;
  const paying = out && rebate > 0;
  const w = barrierKind(spec);
  const model = pathModelOf({ kind: 'bs' }, dividend);
  return {
    init: (x, n) => ({
      lnS: log(x.spot), likelihood: scalar(1),
      ...(paying ? { paid: scalar(0) } : {}),
      ...(out ? {} : { plain: model.initial(x, n) }),
    }),
    update: (x, s, i, z, u) => {
      const { mean, sd } = gbmStepMoments(x, dividend, stepLength(x, schedule, i));
      // standardized distance a = (ln S + mean − ln H)/sd: survival has probability Φ(η·a)
      const a = div(sub(add(s.lnS!, mean), lnH), sd);
      const p = normCdf(mul(a, eta));
      const zc = mul(normQuantile(mul(u, p)), -eta);
      const next: ConditionalState = { lnS: add(s.lnS!, add(mean, mul(sd, zc))), likelihood: mul(s.likelihood!, p) };
      if (paying) {
        const breach = mul(s.likelihood!, sub(1, p));
        next.paid = add(s.paid!, mul(breach, mul(discount(x, dateOf(x, schedule, i + 1)), rebate)));
      }
      if (!out) next.plain = modelStep(model, x, model.params(x), s.plain!, schedule, i, [z]);
      return next;
    },
    finish: (x, s) => {
      const disc = discount(x);
      const knockOut = mul(s.likelihood!, mul(disc, vanilla(exp(s.lnS!), spec.strike, w)));
      if (out) return paying ? add(knockOut, s.paid!) : knockOut;
      const plain = mul(disc, vanilla(exp(s.plain!), spec.strike, w));
      const knockIn = sub(plain, knockOut);
      return rebate > 0 ? add(knockIn, mul(s.likelihood!, mul(disc, rebate))) : knockIn;
    },
  };
}

/**
 * Discounted conditional-estimator value per path of a GBM barrier option.
 * `z[i]` are the step normals (shape [paths]), `u[i] = Φ(z[i])` the same randomness as uniforms.
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * const spec = { kind: 'barrier', strike: 100, barrier: 90, barrierType: 'down-out' } as const;
 * const z = [0, 1, 2, 3].map((c) => tensor(normal(foldIn(key(1), c), 8)));   // 4 monitoring dates, 8 paths
 * const v = conditionalBarrierValue(spec, inputsOf(market), 0.02, z, z.map((c) => pw.normCdf(c)));   // pw: the differentiable Φ
 * v.shape;   // [8]
 * ```
 */
export function conditionalBarrierValue(
  spec: PayoffSpec, x: DiffInputs, dividend: number, z: readonly Tensor[], u: readonly Tensor[], schedule?: Schedule,
): Tensor {
  const n = z[0]!.size;
  const c = conditionalBarrierStream(spec, dividend, schedule ?? defaultSchedule(x, z.length));
  let s = c.init(x, n);
  z.forEach((zi, i) => { s = c.update(x, s, i, reshape(zi, [n, 1]), reshape(u[i]!, [n, 1])); });
  return reshape(c.finish(x, s), [n]);
}
