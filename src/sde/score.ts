/**
 * Likelihood-ratio (score-function) sensitivities for the Euler–Maruyama scheme: unbiased for the
 * discretized process even when the loss or the dynamics are discontinuous (hitting indicators,
 * absorption), where the pathwise derivative is zero almost surely and silently wrong.
 *
 * Given X_n, the Euler transition is Gaussian: X_{n+1,i} ~ N(X_{n,i} + b_i h, σ_i² h) for diagonal
 * noise, so the path density is a product of Gaussians and (Glynn, "Likelihood ratio gradient
 * estimation for stochastic systems", Commun. ACM 33(10), 1990; Glasserman, "Monte Carlo Methods in
 * Financial Engineering", Springer 2004, §7.3)
 *
 *   ∂θ E[f(X_N)] = E[f(X_N) S],   S = Σ_n Σ_i [ (ΔW_i/σ_i) ∂θ b_i + ((ΔW_i²/h − 1)/σ_i) ∂θ σ_i ],
 *
 * with b, σ and their θ-derivatives (one JVP per parameter, x held fixed) at (t_n, X_n). A component
 * with σ_i = 0 moves deterministically; its transition must then not depend on θ (e.g. an absorbed
 * population, b = σ = 0), and it contributes nothing to S.
 */
import { PathwiseRangeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { scalar, toTensor } from '../tensor/create.js';
import { tidy } from '../tensor/pool.js';
import { broadcastTo } from '../ad/ops/index.js';
import { jvp } from '../ad/transforms.js';
import { BrownianSource } from './brownian-source.js';
import { eulerMaruyama } from './euler-maruyama.js';
import { initialState, scalarParams, type Problem } from './problem.js';
import { GradAccumulator, lossVector } from './simulate.js';

/** Whether the likelihood-ratio estimator applies: Euler with diagonal noise (or d = m = 1). */
export function scoreApplies(pr: Problem): boolean {
  return pr.scheme.name === 'euler' && (pr.sys.noise === 'diagonal' || (pr.sys.d === 1 && pr.sys.m === 1));
}

/** Runs the likelihood-ratio estimator. */
export function scoreSensitivity(pr: Problem, loss: (xT: Tensor) => Tensor | number, acc: GradAccumulator): void {
  if (!scoreApplies(pr)) {
    throw new PathwiseRangeError(`sde.sensitivity: mode 'score' needs method 'euler' with diagonal noise (or d = m = 1), got method ${show(pr.scheme.name)}, noise ${show(pr.sys.noise)}`);
  }
  const { sys, t0, h, steps } = pr;
  const d = sys.d;
  const base = scalarParams(pr.params);
  const one = scalar(1);
  const source = new BrownianSource(pr.key, sys.m, h, pr.substeps, false, false);
  acc.chunks(pr.chunkSize, (first, n) => {
    let x = initialState(pr.x0, n);
    const scores = acc.names.map(() => new Float64Array(n));
    for (let s = 0; s < steps; s++) {
      const xs = x;
      const t = t0 + s * h;
      x = tidy(() => {
        const noise = source.step(first, n, s);
        const dw = noise.dW.data;
        acc.names.forEach((name, k) => {
          const [[, g], [db, dg]] = jvp((q: Tensor) => {
            const p = { ...base, [name]: q };
            return [broadcastTo(toTensor(sys.drift(t, xs, p)), xs.shape), broadcastTo(toTensor(sys.diffusion(t, xs, p)), xs.shape)];
          }, base[name]!, one);
          const sc = scores[k]!;
          for (let i = 0; i < n * d; i++) {
            const gi = g!.data[i]!;
            if (gi === 0) continue;
            const z = dw[i]!;
            sc[(i / d) | 0]! += (z * db!.data[i]! + (z * z / h - 1) * dg!.data[i]!) / gi;
          }
        });
        return eulerMaruyama.step(sys, t, h, xs, base, noise);
      });
    }
    tidy(() => {
      const f = lossVector(loss, x, n).data;
      acc.value.addBatch(f);
      scores.forEach((sc, k) => {
        for (let i = 0; i < n; i++) sc[i] = f[i]! * sc[i]!;
        acc.grads[k]!.addBatch(sc);
      });
    });
  });
}
