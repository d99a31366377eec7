/**
 * pathwise/testing: the tools pathwise tests itself with, for users to test their own models.
 * @module pathwise/testing
 */
export { checkGrads, GradCheckError, type CheckGradsOptions } from './check-grads.js';
export { checkWithinStderr, ksStatistic, ksPValue, ksTest, StatisticalCheckError } from './statistics.js';
