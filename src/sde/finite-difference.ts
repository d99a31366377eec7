/**
 * Central finite differences with common random numbers: each parameter is bumped by ±δ and the same
 * key regenerates the same Brownian increments, so the per-path difference quotient
 * (f(X_N; θ + δ) − f(X_N; θ − δ)) / 2δ has a variance that stays bounded as δ → 0 for smooth losses
 * (Glasserman 2004, §7.1). Biased by O(δ²); the independent third check on forward and adjoint.
 */
import type { Tensor } from '../tensor/tensor.js';
import { tidy } from '../tensor/pool.js';
import { scalar } from '../tensor/create.js';
import { BrownianSource } from './brownian-source.js';
import { scalarParams, type Problem } from './problem.js';
import { GradAccumulator, lossVector, terminalState } from './simulate.js';

/** Runs the estimator; `delta(name)` is the bump of each parameter. */
export function fdSensitivity(pr: Problem, loss: (xT: Tensor) => Tensor | number, acc: GradAccumulator, delta: (name: string) => number): void {
  const base = scalarParams(pr.params);
  const source = new BrownianSource(pr.key, pr.sys.m, pr.h, pr.substeps, pr.scheme.needsLevyArea, false);
  acc.chunks(pr.chunkSize, (first, n) => {
    tidy(() => acc.value.addBatch(lossVector(loss, terminalState(pr, base, source, first, n), n).data));
    acc.names.forEach((name, k) => {
      const dt = delta(name);
      const at = (sign: number): Float64Array => tidy(() => {
        const p = { ...base, [name]: scalar(pr.params[name]! + sign * dt) };
        return lossVector(loss, terminalState(pr, p, source, first, n), n).data;
      });
      const up = at(1);
      const down = at(-1);
      const q = new Float64Array(n);
      for (let i = 0; i < n; i++) q[i] = (up[i]! - down[i]!) / (2 * dt);
      acc.grads[k]!.addBatch(q);
    });
  });
}
