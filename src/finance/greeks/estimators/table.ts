/**
 * The Greeks' estimators, one file each, registered here: adding an estimator is one file and one line (and
 * its applicability rule in ../method-status.ts, which `auto` reads).
 */
import type { ConcreteMethod } from '../method-status.js';
import { conditional } from './conditional.js';
import type { GreekEstimator } from './estimator.js';
import { fd } from './finite-difference.js';
import { lr } from './likelihood-ratio.js';
import { mixed } from './mixed.js';
import { mixedPwlr } from './mixed-pwlr.js';
import { pathwise } from './pathwise.js';
import { vibrato } from './vibrato.js';

/**
 * Every Greeks estimator by method name.
 * @example GREEK_ESTIMATORS.vibrato.lane('delta');   // { variant: 'vibrato', input: 'spot' }
 */
export const GREEK_ESTIMATORS: Readonly<Record<ConcreteMethod, GreekEstimator>> = {
  pathwise, lr, mixed, 'mixed-pwlr': mixedPwlr, fd, conditional, vibrato,
};
