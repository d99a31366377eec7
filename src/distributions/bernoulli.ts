/** The Bernoulli distribution on {0, 1}: discrete, so it has no reparameterized sampler. */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { ones, zeros } from '../tensor/create.js';
import type { Shape } from '../tensor/shape.js';
import { broadcastTo, log, log1p, mul, neg, sigmoid, softplus, sub, where, equal } from '../ad/ops/index.js';
import { alloc } from '../tensor/pool.js';
import type { Key } from '../random/key.js';
import { PathwiseTypeError, show } from '../errors.js';
import { Distribution, type MvdTerm, type Support } from './distribution.js';
import { batchShapeOf, isProbability, isReal, param } from './validate.js';
import { uniformNoise } from './sampling.js';
import { paramArray } from './param-data.js';

/**
 * What {@link Bernoulli} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Bernoulli(0.3) instanceof BernoulliDistribution   // true
 */
export class BernoulliDistribution extends Distribution {
  readonly name = 'Bernoulli';
  readonly support: Support = { kind: 'boolean' };
  readonly hasRsample = false;
  /** The log-odds log(p/(1−p)) (±∞ at p = 1 or 0). */
  readonly logits: Tensor;
  private readonly fromLogits: boolean;

  constructor(readonly probs: Tensor, logits?: Tensor) {
    super(batchShapeOf('Bernoulli', probs));
    this.fromLogits = logits !== undefined;
    this.logits = logits ?? sub(log(probs), log1p(neg(probs)));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const u = uniformNoise(key, shape, rowOffset);
    const pd = paramArray(this.probs, shape);
    const ud = u.data;
    const out = alloc(ud.length);  // noise is shared within a batch (sampling.ts): never write into it
    for (let i = 0; i < out.length; i++) out[i] = ud[i]! < pd[i]! ? 1 : 0;
    return new Tensor(out, shape);
  }

  /**
   * From logits, x·logit − softplus(logit), exact for extreme log-odds; from probabilities, log p at 1
   * and log(1 − p) at 0 (so p = 0 or 1 give 0 and −∞, never 0·log 0 = NaN).
   */
  logProb(x: TensorLike): Tensor {
    if (this.fromLogits) return sub(mul(x, this.logits), softplus(this.logits));
    return where(x, log(this.probs), log1p(neg(this.probs)));
  }

  override mean(): Tensor {
    return broadcastTo(this.probs, this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(mul(this.probs, sub(1, this.probs)), this.batchShape);
  }
  override entropy(): Tensor {
    const p = this.probs;
    const h = sub(softplus(this.logits), mul(p, this.logits));
    return broadcastTo(where(equal(p, 0), 0, where(equal(p, 1), 0, h)), this.batchShape);
  }
  /** P(X ≤ x) for x ∈ {0, 1} (1 − p at 0, 1 at 1). */
  override cdf(x: TensorLike): Tensor {
    return where(x, 1, sub(1, this.probs));
  }

  /** ∂p E[f(x)] = f(1) − f(0). */
  override mvd(_key: Key, z: Tensor): MvdTerm[] {
    return [{ param: broadcastTo(this.probs, z.shape), weight: ones(z.shape), plus: ones(z.shape), minus: zeros(z.shape) }];
  }
}

/**
 * Bernoulli with success probability `probs` ∈ [0, 1], or `{ logits }` (log-odds, any real).
 * @example
 * Bernoulli(0.3).logProb(1).item();            // log 0.3
 * Bernoulli({ logits: 0 }).mean().item();      // 0.5
 * Bernoulli(1.2);                              // throws: Bernoulli: probs must be in [0, 1], got 1.2
 */
export function Bernoulli(probs: TensorLike | { logits: TensorLike }): BernoulliDistribution {
  if (typeof probs === 'object' && !(probs instanceof Tensor)) {
    if (!('logits' in probs)) throw new PathwiseTypeError(`Bernoulli: expected probs or { logits }, got ${show(probs)}`);
    const logits = param('Bernoulli', 'logits', probs.logits, isReal, 'finite');
    return new BernoulliDistribution(sigmoid(logits), logits);
  }
  return new BernoulliDistribution(param('Bernoulli', 'probs', probs, isProbability, 'in [0, 1]'));
}

