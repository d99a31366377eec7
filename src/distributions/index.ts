export { Distribution, type Support, type MvdTerm, type SampleOptions } from './distribution.js';
export { Normal, NormalDistribution } from './normal.js';
export { Gamma, GammaDistribution } from './gamma.js';
export { Bernoulli, BernoulliDistribution } from './bernoulli.js';
