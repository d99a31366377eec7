/**
 * The Brownian increments of one solver step for a chunk of paths, regenerated from the counter-based
 * generator: the increment of (path, step) depends on (key, path, step) only, so any chunking, and the
 * forward, adjoint and bump-and-revalue passes, see the same noise (common random numbers).
 *
 * With `substeps` r > 1 a step's increment is the sum of r increments of the r-times finer grid, so that
 * solves with different step sizes follow one Brownian path. For the order-1.5 scheme the source also
 * returns I_(k,0) = ∫ (W_k(s) − W_k(t_n)) ds over the step, built from the fine increments and an
 * independent space–time Lévy area H_j ~ N(0, δ/12) per fine step (∫ over a fine step of the Brownian
 * path minus its start is δ(ΔW_j/2 + H_j), with H_j independent of ΔW_j): it is exact for the path.
 */
import { Tensor } from '../tensor/tensor.js';
import { alloc } from '../tensor/pool.js';
import { fillBrownianStep, fillBrownianSteps } from '../random/brownian.js';
import { philoxRoundKeys } from '../random/philox.js';
import type { Key } from '../random/key.js';
import { markSource } from '../ad/tracking.js';

const INV_SQRT12 = 1 / Math.sqrt(12);

/** Increments of one step: ΔW [paths, m] and, for schemes that need it, I_(k,0) [paths, m]. */
export interface StepNoise {
  readonly dW: Tensor;
  readonly i10: Tensor | null;
}

export class BrownianSource {
  private readonly rk: Int32Array;
  private readonly k0: number;
  private readonly k1: number;
  private readonly w = new Int32Array(4);
  private readonly buf: Float64Array;
  private readonly acc: Float64Array;

  constructor(
    k: Key,
    readonly m: number,
    readonly h: number,
    readonly substeps: number,
    readonly levy: boolean,
    /** Marks ΔW as the random source 'W' so that discontinuous ops consuming it are reported. */
    readonly track: boolean,
  ) {
    this.rk = philoxRoundKeys(k.k0, k.k1);
    this.k0 = k.k0;
    this.k1 = k.k1;
    this.buf = new Float64Array(2 * m);
    this.acc = new Float64Array(m);
  }

  /** The noise of solver step `step` for paths first … first + paths − 1. */
  step(first: number, paths: number, step: number): StepNoise {
    const { m, substeps: r, rk, w, buf, acc } = this;
    const dw = alloc(paths * m);
    const i10 = this.levy ? alloc(paths * m) : null;
    const delta = this.h / r;
    const sd = Math.sqrt(delta);
    if (r === 1 && i10 === null) {
      fillBrownianSteps(this.k0, this.k1, rk, w, first, paths, step, m, sd, dw, 0);
    } else {
      const dims = i10 === null ? m : 2 * m;
      for (let p = 0; p < paths; p++) {
        acc.fill(0);
        if (i10 !== null) i10.fill(0, p * m, p * m + m);
        for (let j = 0; j < r; j++) {
          fillBrownianStep(rk, w, first + p, step * r + j, dims, sd, buf, 0);
          for (let k = 0; k < m; k++) {
            const inc = buf[k]!;
            if (i10 !== null) i10[p * m + k]! += delta * (acc[k]! + 0.5 * inc + INV_SQRT12 * buf[m + k]!);
            acc[k]! += inc;
          }
        }
        for (let k = 0; k < m; k++) dw[p * m + k] = acc[k]!;
      }
    }
    const dW = new Tensor(dw, [paths, m]);
    if (this.track) markSource(dW, 'W');
    return { dW, i10: i10 === null ? null : new Tensor(i10, [paths, m]) };
  }
}
