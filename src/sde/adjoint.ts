/**
 * Adjoint (reverse) sensitivities: the exact gradient of the discretized solution, not a discretized
 * continuous adjoint. With Φ_n the scheme's step, λ_N = ∂loss/∂X_N and, backwards,
 *
 *   λ_n = (∂Φ_n/∂X_n)ᵀ λ_{n+1},   θ̄ += (∂Φ_n/∂θ)ᵀ λ_{n+1},
 *
 * each product one reverse-mode VJP of one step; ΔW is regenerated from the counter-based generator at
 * every (re)computation instead of being stored. Memory (Griewank & Walther, "Evaluating Derivatives",
 * 2nd ed., SIAM 2008, ch. 12; for SDEs, Giles & Glasserman, "Smoking adjoints", Risk, Jan. 2006):
 * - one level (`checkpointEvery: k`): the forward pass keeps X every k steps; the backward pass
 *   recomputes one segment of k states from its checkpoint and walks it backwards: ⌈N/k⌉ + k states.
 * - nested (`checkpoints: c`): a segment longer than c is itself cut into c pieces, recursively, so at
 *   most c states per level are held, c·⌈log_c N⌉ in all — nearly flat in N — for ⌈log_c N⌉ forward
 *   recomputations.
 * Either way the result is bit-identical: recomputation repeats the same operations on the same noise.
 *
 * Per-path standard errors: θ is shared by all paths, so its cotangent would be summed over paths.
 * Inside the backward pass each parameter is therefore given to the step as a per-path copy [paths, 1]
 * (same values, so the same bits as the forward pass); its cotangent stays per path and is an exact
 * per-path sample of the gradient — the same samples as forward mode, up to rounding — rather than a
 * batch-means estimate whose standard error would itself be noisy.
 */
import { Tensor } from '../tensor/tensor.js';
import { full, ones, zeros } from '../tensor/create.js';
import { tidy } from '../tensor/pool.js';
import { add } from '../ad/ops/index.js';
import { vjp } from '../ad/transforms.js';
import { BrownianSource } from './brownian-source.js';
import { fusedStep, fusionSite, noiseInputs, noiseOf } from './fused-step.js';
import { initialState, scalarParams, type Problem } from './problem.js';
import { GradAccumulator, lossVector } from './simulate.js';

/** How the backward pass stores states: a checkpoint every `every` steps at the top level, and at most
 * `slots` states per level below it (Infinity: one level). */
export interface CheckpointPlan {
  readonly every: number;
  readonly slots: number;
}

/** Runs the adjoint estimator; returns the largest number of states held at once per path. */
export function adjointSensitivity(pr: Problem, loss: (xT: Tensor) => Tensor | number, acc: GradAccumulator, plan: CheckpointPlan): number {
  const { sys, scheme, t0, h, steps } = pr;
  const base = scalarParams(pr.params);
  const source = new BrownianSource(pr.key, sys.m, h, pr.substeps, scheme.needsLevyArea, true);
  let held = 0, peak = 0;
  const hold = (k: number): void => {
    held += k;
    peak = Math.max(peak, held);
  };
  acc.chunks(pr.chunkSize, (first, n) => {
    const site = fusionSite(sys.autonomous === true);
    // Checkpoints keep states, so the fused step always writes new arrays (no spare).
    const step = (s: number, x: Tensor): Tensor => tidy(() => {
      const noise = source.step(first, n, s);
      return fusedStep(site, [x, ...noiseInputs(noise)], (xa, ...w) => [scheme.step(sys, t0 + s * h, h, xa, base, scheme.needsLevyArea ? noise : noiseOf(w))], n)[0]!;
    });
    const perPath = Object.fromEntries(acc.names.map((k) => [k, full([n, 1], pr.params[k]!)]));
    let bars = acc.names.map(() => zeros([n, 1]));

    /** The piece starts x_a, x_{a+every}, … (below b) from x_a, stepping up to `stop` (≤ b); x_stop as `end`. */
    const forward = (a: number, b: number, xa: Tensor, every: number, stop: number): { starts: Tensor[]; end: Tensor } => {
      const starts = [xa];
      let x = xa;
      for (let s = a; s < stop; s++) {
        x = step(s, x);
        if (s + 1 < b && (s + 1 - a) % every === 0) starts.push(x);
      }
      return { starts, end: x };
    };

    /** Pulls λ_b back over steps [a, b) from x_a; returns λ_a and accumulates the parameter cotangents. */
    const sweep = (a: number, b: number, xa: Tensor, lambda: Tensor): Tensor => {
      if (b - a > plan.slots) {
        const every = Math.ceil((b - a) / plan.slots);
        const { starts } = forward(a, b, xa, every, b - 1);   // x_b itself is not needed
        hold(starts.length);
        for (let i = starts.length - 1; i >= 0; i--) {
          lambda = sweep(a + i * every, Math.min(a + (i + 1) * every, b), starts[i]!, lambda);
          starts.length = i;
          hold(-1);
        }
        return lambda;
      }
      const states = [xa];
      for (let s = a; s < b - 1; s++) states.push(step(s, states[states.length - 1]!));
      hold(states.length);
      for (let s = b - 1; s >= a; s--) {
        const [l, bs] = [lambda, bars];
        [lambda, bars] = tidy(() => {
          const [, back] = vjp(
            (v: { x: Tensor; q: Record<string, Tensor> }) => scheme.step(sys, t0 + s * h, h, v.x, { ...base, ...v.q }, source.step(first, n, s)),
            { x: states[s - a]!, q: perPath },
          );
          const ct = back(l);
          return [ct.x, acc.names.map((k, i) => add(bs[i]!, ct.q[k]!))] as [Tensor, Tensor[]];
        });
      }
      hold(-states.length);
      return lambda;
    };

    // Top level: checkpoints every `plan.every` steps on the way to X_N, then each segment backwards.
    const { starts, end } = forward(0, steps, initialState(pr.x0, n), plan.every, steps);
    hold(starts.length);
    let lambda = tidy(() => {
      const [v, back] = vjp((y: Tensor) => lossVector(loss, y, n), end);
      acc.value.addBatch(v.data);
      return back(ones([n])) as Tensor;
    });
    for (let c = starts.length - 1; c >= 0; c--) {
      lambda = sweep(c * plan.every, Math.min((c + 1) * plan.every, steps), starts[c]!, lambda);
      starts.length = c;   // this segment is done: its checkpoint is no longer needed
      hold(-1);
    }
    acc.names.forEach((_, i) => acc.grads[i]!.addBatch(bars[i]!.data));
  });
  return peak;
}
