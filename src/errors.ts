/**
 * One error hierarchy for the whole library. Validation at the API boundary throws one of these,
 * with a message that names the function, the parameter and the value given, so a user can act on it.
 * Numeric kernels never throw: they propagate NaN.
 */

/**
 * Base class of every error pathwise throws on purpose. `instanceof PathwiseError` catches them all.
 * @example
 * const err = (() => { try { Normal(0, -1); } catch (e) { return e; } })();
 * err instanceof PathwiseError;   // true
 */
export class PathwiseError extends Error {
  override name = 'PathwiseError';
}

/**
 * A value outside its allowed range (σ ≤ 0, p ∉ [0, 1], a negative sample count, …).
 * @example Normal(0, -1);   // throws PathwiseRangeError: Normal: scale must be > 0, got -1
 */
export class PathwiseRangeError extends PathwiseError {
  override name = 'PathwiseRangeError';
}

/**
 * A value of the wrong kind (a string where a number was expected, …).
 * @example add('1', 2);   // throws PathwiseTypeError: add: expected a Tensor or a number
 */
export class PathwiseTypeError extends PathwiseError {
  override name = 'PathwiseTypeError';
}

/**
 * Tensor shapes that do not fit an operation; the message names the op and both shapes.
 * @example add(ones([2]), ones([3]));   // throws ShapeError
 */
export class ShapeError extends PathwiseError {
  override name = 'ShapeError';
}

/**
 * A NaN or infinity produced by an op while the debug check is on; names the op.
 * @example
 * setDebug({ checkFinite: true });
 * sqrt(tensor([-4]));   // throws NonFiniteError: op 'sqrt'
 * setDebug({ checkFinite: false });
 */
export class NonFiniteError extends PathwiseError {
  override name = 'NonFiniteError';
}

/** Formats a value for an error message: numbers in full precision, arrays and shapes in brackets. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}
