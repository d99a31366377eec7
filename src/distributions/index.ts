/**
 * pathwise/distributions: one file per family. Each factory validates its parameters and returns a
 * Distribution with sample/rsample (when reparameterizable), logProb, and the closed-form moments, cdf
 * and icdf it has; families used by the measure-valued estimator also provide `mvd`.
 */
export { Distribution, type Support, type MvdTerm, type SampleOptions } from './distribution.js';
export type { ProbsOrLogits } from './probs-or-logits.js';

// Continuous, reparameterized by a transform of fixed noise.
export { Normal, NormalDistribution } from './normal.js';
export { MultivariateNormal, MultivariateNormalDistribution, type MultivariateNormalScale } from './multivariate-normal.js';
export { LogNormal, LogNormalDistribution } from './log-normal.js';
export { Uniform, UniformDistribution } from './uniform.js';
export { Exponential, ExponentialDistribution } from './exponential.js';
export { Laplace, LaplaceDistribution } from './laplace.js';
export { Logistic, LogisticDistribution } from './logistic.js';
export { Gumbel, GumbelDistribution } from './gumbel.js';
export { Cauchy, CauchyDistribution } from './cauchy.js';
export { Weibull, WeibullDistribution } from './weibull.js';

// Continuous, implicitly reparameterized.
export { Gamma, GammaDistribution } from './gamma.js';
export { ExpGamma, ExpGammaDistribution } from './exp-gamma.js';
export { Beta, BetaDistribution } from './beta.js';
export { Dirichlet, DirichletDistribution } from './dirichlet.js';
export { StudentT, StudentTDistribution } from './student-t.js';
export { VonMises, VonMisesDistribution } from './von-mises.js';

// Discrete.
export { Bernoulli, BernoulliDistribution } from './bernoulli.js';
export { Categorical, CategoricalDistribution } from './categorical.js';
export { Poisson, PoissonDistribution } from './poisson.js';
export { Binomial, BinomialDistribution } from './binomial.js';
export { Geometric, GeometricDistribution } from './geometric.js';

// Relaxations and straight-through estimators.
export { RelaxedBernoulli, RelaxedBernoulliDistribution } from './relaxed-bernoulli.js';
export { RelaxedOneHotCategorical, RelaxedOneHotCategoricalDistribution } from './relaxed-one-hot-categorical.js';
export {
  StraightThroughBernoulli, StraightThroughBernoulliDistribution,
  StraightThroughOneHotCategorical, StraightThroughOneHotCategoricalDistribution,
} from './straight-through.js';
