/**
 * Forward (tangent) sensitivities: alongside X_n the tangent Y_n = ∂X_n/∂θ_k is carried for each
 * parameter θ_k, Y_{n+1} = ∂step/∂x · Y_n + ∂step/∂θ_k, by the engine's forward mode (one pass per
 * step with a tangent lane per parameter, so the step's primal is computed once). No tape is kept, so memory is independent of the number of
 * steps; the per-path tangent of the loss is an exact per-path sample of ∂E[loss]/∂θ_k, hence the
 * standard error. This is the pathwise (tangent-process) method; in finance, Broadie & Glasserman, "Estimating security price derivatives using simulation",
 * Management Science 42(2), 1996.
 */
import { Tensor } from '../tensor/tensor.js';
import { scalar, zeros } from '../tensor/create.js';
import { tidy } from '../tensor/pool.js';
import { jvpMany } from '../ad/transforms.js';
import { markSource } from '../ad/tracking.js';
import { BrownianSource } from './brownian-source.js';
import { fusedStep, fusionSite, noiseInputs, noiseOf } from './fused-step.js';
import { initialState, scalarParams, type Problem } from './problem.js';
import { GradAccumulator, lossVector } from './simulate.js';

/** X_N and the tangents ∂X_N/∂θ_k of paths first … first + n − 1. */
export function forwardChunk(pr: Problem, names: readonly string[], source: BrownianSource, first: number, n: number): { x: Tensor; tangents: Tensor[] } {
  const { sys, scheme, t0, h, steps } = pr;
  const base = scalarParams(pr.params);
  const one = scalar(1);
  const zero = scalar(0);
  let x = initialState(pr.x0, n);
  let tangents = names.map(() => zeros([n, sys.d]));
  const site = fusionSite(sys.autonomous === true);
  let spare: Float64Array[] = [];
  for (let s = 0; s < steps; s++) {
    const [xs, ts] = [x, tangents];
    const into = spare;
    const wasFused = s > 0 && site.fused;
    [x, tangents] = tidy(() => {
      const noise = source.step(first, n, s);
      const t = t0 + s * h;
      // One forward pass per step for all parameters: the step's primal is computed once (jvpMany); the
      // whole step with its tangent lanes runs as one loop over the paths where it can (fused-step.ts).
      const lane = (tk: Tensor, k: number) => ({ x: tk, q: Object.fromEntries(Object.keys(base).map((q) => [q, q === names[k] ? one : zero])) });
      const K = ts.length;
      const [next, ...nextT] = fusedStep(site, [xs, ...ts, ...noiseInputs(noise)], (xa, ...rest) => {
        const w = scheme.needsLevyArea ? noise : noiseOf(rest.slice(K));   // see noiseOf
        const [y, ys] = jvpMany(
          (a: { x: Tensor; q: Record<string, Tensor> }) => scheme.step(sys, t, h, a.x, a.q, w),
          { x: xa, q: base }, rest.slice(0, K).map(lane),
        );
        return [y, ...ys];
      }, n, into);
      return [next!, nextT] as [Tensor, Tensor[]];
    });
    // After two fused steps in a row nothing refers to the second one's inputs (new arrays of the first).
    spare = site.fused && wasFused ? [xs.data, ...ts.map((t) => t.data)] : [];
    // jvp hands back the bare primal, without the random-source names its tracer carried: restore them
    // so that a discontinuous op in the next step still reports that it consumed a Brownian-driven value.
    if (source.track) markSource(x, 'W');
  }
  return { x, tangents };
}

/** Runs the forward-mode estimator; `acc.names` are the parameters differentiated. */
export function forwardSensitivity(pr: Problem, loss: (xT: Tensor) => Tensor | number, acc: GradAccumulator): void {
  const source = new BrownianSource(pr.key, pr.sys.m, pr.h, pr.substeps, pr.scheme.needsLevyArea, true);
  acc.chunks(pr.chunkSize, (first, n) => {
    const { x, tangents } = forwardChunk(pr, acc.names, source, first, n);
    tidy(() => {
      acc.value.addBatch(lossVector(loss, x, n).data);
      const [, dls] = jvpMany((y: Tensor) => lossVector(loss, y, n), x, tangents);
      dls.forEach((dl, k) => acc.grads[k]!.addBatch(dl.data));
    });
  });
}
