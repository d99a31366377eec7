/**
 * Implicit reparameterization of Beta(a, b) samples as a primitive (Figurnov, Mohamed & Mnih, NeurIPS
 * 2018), in the manner of implicit-sample.ts: a sample z drawn by an exact sampler enters the graph with
 * value z and derivatives dz/da, dz/db = −(∂I_z(a, b)/∂θ)/q(z) from ./implicit/beta-sample-grad.ts. The
 * rule is first order (computed from concrete values): second derivatives through the shapes are zero.
 */
import { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import { bind, concrete } from '../ad/trace.js';
import { add, mul } from '../ad/ops/index.js';
import { betaSampleGrad } from './implicit/beta-sample-grad.js';
import { paramArray } from './param-data.js';
import { BETA_MAX } from '../random/beta.js';
import { TINY } from './representable.js';

/**
 * [dz/da, dz/db] for every element of z, with a and b broadcast to z's shape; 0 at the atoms TINY and
 * BETA_MAX (representable.ts), which stand for every true value beyond them and do not move.
 */
function betaGrads(a: Tensor, b: Tensor, z: Tensor): [Tensor, Tensor] {
  const ad = paramArray(concrete(a), z.shape);
  const bd = paramArray(concrete(b), z.shape);
  const zd = z.data;
  const both = new Float64Array(2);
  const da = alloc(z.size);
  const db = alloc(z.size);
  for (let i = 0; i < zd.length; i++) {
    const zi = zd[i]!;
    if (zi === TINY || zi === BETA_MAX) {
      da[i] = 0;
      db[i] = 0;
      continue;
    }
    betaSampleGrad(zi, ad[i]!, bd[i]!, both, 0);
    da[i] = both[0]!;
    db[i] = both[1]!;
  }
  return [new Tensor(da, z.shape), new Tensor(db, z.shape)];
}

const betaSampleP: Primitive<{ z: Tensor }> = definePrimitive<{ z: Tensor }>({
  name: 'betaSample',
  smoothness: 'smooth',
  impl: (_inputs, { z }) => new Tensor(z.data, z.shape),
  vjp: (g, [a, b], _out, { z }, needs) => {
    const [da, db] = betaGrads(a!, b!, z);
    return [needs[0] ? mul(g, da) : null, needs[1] ? mul(g, db) : null];
  },
  jvp: ([ta, tb], [a, b], _out, { z }) => {
    const [da, db] = betaGrads(a!, b!, z);
    const l = ta === null || ta === undefined ? null : mul(ta, da);
    const r = tb === null || tb === undefined ? null : mul(tb, db);
    return l === null ? r : r === null ? l : add(l, r);
  },
});

/**
 * The Beta(a, b) samples z (of the given full shape, drawn with a and b broadcast to it) as a function
 * of a and b: value z, derivatives by implicit reparameterization.
 */
export function betaSample(a: Tensor, b: Tensor, z: Tensor, shape: Shape): Tensor {
  return bind(betaSampleP, [a, b], { z: z.shape.length === shape.length ? z : new Tensor(z.data, shape) });
}
