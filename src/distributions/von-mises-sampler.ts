/**
 * von Mises(0, κ) variates by the rejection method of Best & Fisher, "Efficient simulation of the von
 * Mises distribution", Applied Statistics 28(2) (1979) 152–157: with τ = 1 + √(1 + 4κ²),
 * ρ = (τ − √(2τ))/(2κ), r = (1 + ρ²)/(2ρ), draw u₁, u₂, put z = cos πu₁, f = (1 + rz)/(r + z),
 * c = κ(r − f); accept when c(2 − c) > u₂ or log(c/u₂) + 1 − c ≥ 0; then θ = ±arccos f, the sign from u₃.
 *
 * Rewritten without cancellation, so that κ from 1e-300 to 1e12 is handled (the textbook form loses every
 * digit of τ − √(2τ) for small κ and of 1 − f for large κ):
 *   ρ = 2κ/(τ + √(2τ)),  r − 1 = (1 − ρ)²/(2ρ),  1 − z = 2 sin²(πu₁/2),  1 + z = 2 cos²(πu₁/2),
 *   1 − f = (r − 1)(1 − z)/((r − 1) + (1 + z)),  c = κ((r − 1) + (1 − f)),  arccos f = 2 arcsin √((1 − f)/2).
 *
 * Reproducible rejection, as src/random/gamma.ts: sample i owns the Philox counters
 * (i, attempt, TAG_VON_MISES << 24); attempt r's block gives u₁ (words 0–1) and u₂ (words 2–3); the sign
 * uniform comes from attempt slot 2³² − 1, which the loop never reaches (acceptance ≥ 0.65 for all κ).
 * So sample i depends on (key, i) only, whatever the chunking.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Key } from '../random/key.js';
import { TAG_SHIFT, TAG_VON_MISES } from '../random/key.js';
import { philoxBlock, philoxRoundKeys } from '../random/philox.js';
import { wordsToUniform } from '../random/uniform.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/** The stream tag of von Mises samples (tags 0–7 are taken by src/random, see key.ts). */

const TWO32 = 4294967296;
const SIGN_SLOT = 0xffffffff;

/** The constants of Best & Fisher's envelope for κ: [κ, r − 1]. */
export interface VonMisesEnvelope {
  readonly kappa: number;
  readonly rm1: number;
}

export function vonMisesEnvelope(kappa: number): VonMisesEnvelope {
  const q = Math.sqrt(1 + 4 * kappa * kappa);
  const tau = 1 + q;
  const s = Math.sqrt(2 * tau);
  const rho = (2 * kappa) / (tau + s);
  // 1 − ρ = (τ − 2κ + √(2τ))/(τ + √(2τ)), with τ − 2κ = 1 + 1/(q + 2κ) > 0.
  const oneMinusRho = (1 + 1 / (q + 2 * kappa) + s) / (tau + s);
  return { kappa, rm1: (oneMinusRho * oneMinusRho) / (2 * rho) };
}

/**
 * Kernel: the vonMises(0, κ) variate in [−π, π] of sample `i`, with round keys `rk` and a 4-word scratch
 * `w`. NaN for κ that is not positive and finite.
 */
export function vonMisesVariate(rk: Int32Array, w: Int32Array, i: number, env: VonMisesEnvelope): number {
  const { kappa, rm1 } = env;
  if (!(kappa > 0 && kappa < Infinity)) return NaN;
  const i0 = i % TWO32;
  const i1 = Math.floor(i / TWO32);
  const c3 = TAG_VON_MISES * TAG_SHIFT;
  let omf = NaN;
  for (let r = 0; r < SIGN_SLOT; r++) {
    philoxBlock(i0, i1, r, c3, rk, w, 0);
    const h = 0.5 * Math.PI * wordsToUniform(w[0]!, w[1]!);
    const u2 = wordsToUniform(w[2]!, w[3]!);
    const sn = dmath.sin(h);
    const cs = dmath.cos(h);
    const oneMinusF = (2 * rm1 * sn * sn) / (rm1 + 2 * cs * cs);
    const c = kappa * (rm1 + oneMinusF);
    if (c * (2 - c) > u2 || dmath.log(c / u2) + 1 - c >= 0) {
      omf = oneMinusF;
      break;
    }
  }
  const theta = 2 * dmath.asin(Math.sqrt(Math.min(1, omf / 2)));
  philoxBlock(i0, i1, SIGN_SLOT, c3, rk, w, 0);
  return wordsToUniform(w[0]!, w[1]!) < 0.5 ? -theta : theta;
}

/**
 * `n` vonMises(0, κ) variates in [−π, π], samples offset..offset+n−1 of the key's von Mises stream;
 * `kappa` is one value or one per sample.
 * @example
 * const xi = vonMisesSamples(key(3), 1000, 2);    // E[cos ξ] ≈ I₁(2)/I₀(2) = 0.698
 * vonMisesSamples(key(3), 10, 0);                 // throws PathwiseRangeError: vonMisesSamples: kappa must be > 0 and finite, got 0
 */
export function vonMisesSamples(k: Key, n: number, kappa: number | Float64Array, options: { offset?: number; out?: Float64Array } = {}): Float64Array {
  const offset = options.offset ?? 0;
  const out = options.out ?? new Float64Array(n);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  let env = typeof kappa === 'number' ? checkedEnvelope(kappa) : null;
  let last = NaN;
  for (let i = 0; i < n; i++) {
    if (typeof kappa !== 'number' && kappa[i] !== last) {
      last = kappa[i]!;
      env = checkedEnvelope(last);
    }
    out[i] = vonMisesVariate(rk, w, offset + i, env!);
  }
  return out;
}

function checkedEnvelope(kappa: number): VonMisesEnvelope {
  if (!(kappa > 0 && kappa < Infinity)) throw new PathwiseRangeError(`vonMisesSamples: kappa must be > 0 and finite, got ${show(kappa)}`);
  return vonMisesEnvelope(kappa);
}
