/**
 * `solve`: paths of an SDE by the chosen scheme, at the requested times. Paths are simulated in chunks
 * (each step's temporaries recycled by `tidy`), the Brownian increments regenerated per (path, step)
 * from the key, so the result does not depend on the chunk size.
 */
import { Tensor } from '../tensor/tensor.js';
import { tidy } from '../tensor/pool.js';
import { BrownianSource } from './brownian-source.js';
import { fusedStep, fusionSite, noiseInputs, noiseOf } from './fused-step.js';
import { forEachChunk, saveIndices } from './grid.js';
import { initialState, prepare, scalarParams } from './problem.js';
import type { SdeParams, SolveOptions, SolveResult } from './types.js';

/**
 * Solves dX = b(t, X, θ) dt + σ(t, X, θ) dW (Itô) for `paths` paths and returns X at `saveAt`.
 *
 * @example
 * ```ts
 * // Geometric Brownian motion dX = μX dt + σX dW, X0 = 1, by Milstein:
 * const gbm = {
 *   drift: (t: number, x: Tensor, p: { mu: Tensor }) => x.mul(p.mu),
 *   diffusion: (t: number, x: Tensor, p: { sigma: Tensor }) => x.mul(p.sigma),
 *   x0: 1, params: { mu: 0.05, sigma: 0.2 }, t1: 1, steps: 100, paths: 1000, key: key(1),
 * };
 * const r = solve({ ...gbm, noise: 'diagonal', method: 'milstein', saveAt: [0.5, 1] });
 * r.values.shape;                                          // [2, 1000, 1]
 * solve({ ...gbm, noise: 'diagonal', saveAt: [0.305] });  // throws PathwiseRangeError (0.305 is not a grid time)
 * solve({ ...gbm, noise: 'general', method: 'milstein' }); // throws: method "milstein" supports noise "scalar", "diagonal"
 * ```
 */
export function solve<P extends SdeParams>(options: SolveOptions<P>): SolveResult {
  const pr = prepare('sde.solve', options);
  const { sys, scheme, t0, h, steps, paths } = pr;
  const times = options.saveAt ?? [t0 + steps * h];
  const at = saveIndices('sde.solve', times, t0, h, steps);
  const d = sys.d;
  const out = new Float64Array(at.length * paths * d);
  const params = scalarParams(pr.params);
  const source = new BrownianSource(pr.key, sys.m, h, pr.substeps, scheme.needsLevyArea, false);
  forEachChunk(paths, pr.chunkSize, (first, n) => {
    let x = initialState(pr.x0, n);
    const save = (k: number): void => {
      for (let j = 0; j < at.length; j++) if (at[j] === k) out.set(x.data, (j * paths + first) * d);
    };
    save(0);
    const site = fusionSite(sys.autonomous === true);
    for (let s = 0; s < steps; s++) {
      const xs = x;
      x = tidy(() => {
        const noise = source.step(first, n, s);
        return fusedStep(site, [xs, ...noiseInputs(noise)], (xa, ...w) => [scheme.step(sys, t0 + s * h, h, xa, params, scheme.needsLevyArea ? noise : noiseOf(w))], n)[0]!;
      });
      save(s + 1);
    }
  });
  return { times: [...times], values: new Tensor(out, [at.length, paths, d]) };
}
