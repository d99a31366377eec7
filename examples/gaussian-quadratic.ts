/**
 * An example for `pathwise compare`: x ~ N(μ, σ²), f = (x − k)². The gradient is (2(μ − k), 2σ); every
 * estimator applies, and pathwise has the smallest variance.
 *
 *   npm run cli -- compare examples/gaussian-quadratic.ts
 */
import * as pw from 'pathwise';

const k = 0.4;

const objective = pw.expectation<{ mu: number; sigma: number }>((p, s) => {
  const x = s.sample('x', pw.Normal(p.mu, p.sigma));
  return pw.square(x.sub(k));
});

export default { objective, params: { mu: 1.1, sigma: 0.7 } };
