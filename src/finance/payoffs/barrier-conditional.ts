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
import { add, div, exp, log, mul, normCdf, normQuantile, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { dateOf, defaultSchedule, stepLength, type Schedule } from '../models/dates.js';
import { gbmStepMoments } from '../models/gbm.js';
import type { DiffInputs } from '../models/inputs.js';
import type { PayoffSpec } from '../types.js';
import { barrierKind, discount, vanilla } from './payoff.js';

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
  const m = z.length;
  const sched = schedule ?? defaultSchedule(x, m);
  const first = gbmStepMoments(x, dividend, stepLength(x, sched, 0));
  const rest = gbmStepMoments(x, dividend, sched.spacing);
  const lnH = Math.log(spec.barrier!);
  const eta = spec.barrierType!.startsWith('down') ? 1 : -1;   // alive while η(ln S − ln H) > 0
  const out = spec.barrierType!.endsWith('out');
  const rebate = spec.rebate ?? 0;
  const w = barrierKind(spec);
  let lnS: Tensor = log(x.spot);
  let likelihood: Tensor | null = null;
  let paid: Tensor | null = null;
  for (let i = 0; i < m; i++) {
    const { mean, sd } = i === 0 ? first : rest;
    // standardized distance a = (ln S + mean − ln H)/sd: survival has probability Φ(η·a)
    const a = div(sub(add(lnS, mean), lnH), sd);
    const p = normCdf(mul(a, eta));
    const zc = mul(normQuantile(mul(u[i]!, p)), -eta);
    lnS = add(lnS, add(mean, mul(sd, zc)));
    if (out && rebate > 0) {
      const breach = mul(likelihood ?? 1, sub(1, p));
      const term = mul(breach, mul(discount(x, dateOf(x, sched, i + 1)), rebate));
      paid = paid === null ? term : add(paid, term);
    }
    likelihood = likelihood === null ? p : mul(likelihood, p);
  }
  const disc = discount(x);
  const knockOut = mul(likelihood!, mul(disc, vanilla(exp(lnS), spec.strike, w)));
  if (out) return paid === null ? knockOut : add(knockOut, paid);
  let lnST: Tensor = log(x.spot);
  for (let i = 0; i < m; i++) {
    const { mean, sd } = i === 0 ? first : rest;
    lnST = add(lnST, add(mean, mul(sd, z[i]!)));
  }
  const plain = mul(disc, vanilla(exp(lnST), spec.strike, w));
  const knockIn = sub(plain, knockOut);
  return rebate > 0 ? add(knockIn, mul(likelihood!, mul(disc, rebate))) : knockIn;
}
