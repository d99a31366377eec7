/** Mergeable Monte Carlo statistics: moments, covariances, estimates with standard errors, intervals. */
export { Moments, type MomentsJSON } from './moments.js';
export { VectorMoments, type VectorMomentsJSON } from './vector-moments.js';
export { CoMoments, type CoMomentsJSON } from './co-moments.js';
export { estimate, estimates, estimateOf, type ColumnMoments, type Estimate } from './estimate.js';
export { confidenceInterval, zScore, type ConfidenceInterval } from './confidence.js';
