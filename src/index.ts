/**
 * pathwise — gradients of expectations with honest standard errors.
 * This file is the public API and nothing else; the low-level pieces are in `pathwise/advanced`.
 *
 * @module pathwise
 */
export { Tensor, type TensorLike, type NestedArray } from './tensor/tensor.js';
export { tensor, scalar, zeros, ones, full, arange, linspace, eye } from './tensor/create.js';
export type { Shape } from './tensor/shape.js';
export { tidy, clearPool } from './tensor/pool.js';
export * from './ad/index.js';
export { PathwiseError, PathwiseRangeError, PathwiseTypeError, ShapeError, NonFiniteError } from './errors.js';
export * from './random/index.js';
export * from './stats/index.js';
export * from './distributions/index.js';
export * from './estimators/index.js';
export { flattenCompareRows, formatCompareRows, type FlatCompareRow } from './report/compare-table.js';
export { greeks, greeksAsync } from './finance/index.js';
export * as finance from './finance/index.js';
export * as sde from './sde/index.js';
export * as ml from './ml/index.js';
