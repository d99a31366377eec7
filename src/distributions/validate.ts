/**
 * Parameter validation at construction: every distribution checks its parameters' concrete values and
 * throws a PathwiseRangeError naming the distribution, the parameter and the first bad value.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { broadcastShapes } from '../tensor/shape.js';
import { concrete } from '../ad/trace.js';

export type Check = (v: number) => boolean;

export const isReal: Check = (v) => Number.isFinite(v);
export const isPositive: Check = (v) => v > 0 && v < Infinity;
export const isNonNegative: Check = (v) => v >= 0 && v < Infinity;
export const isProbability: Check = (v) => v >= 0 && v <= 1;
export const isNonNegativeInteger: Check = (v) => Number.isInteger(v) && v >= 0;

/** Converts a parameter to a tensor and checks every value; `rule` words the requirement ("> 0"). */
export function param(dist: string, name: string, x: TensorLike, check: Check, rule: string): Tensor {
  const t = toTensor(x, `${dist}: ${name}`);
  const d = concrete(t).data;
  for (let i = 0; i < d.length; i++) {
    if (!check(d[i]!)) {
      const at = d.length > 1 ? ` (element ${i})` : '';
      throw new PathwiseRangeError(`${dist}: ${name} must be ${rule}, got ${show(d[i])}${at}`);
    }
  }
  return t;
}

/** The broadcast of the parameters' shapes (the batch shape). */
export function batchShapeOf(dist: string, ...params: Tensor[]): number[] {
  return params.reduce<number[]>((s, p) => broadcastShapes(s, p.shape, dist), []);
}

export function checkSampleCount(dist: string, method: string, n: number, offset: number | undefined): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new PathwiseRangeError(`${dist}.${method}: n must be a non-negative integer, got ${show(n)}`);
  if (offset !== undefined && (!Number.isSafeInteger(offset) || offset < 0)) {
    throw new PathwiseRangeError(`${dist}.${method}: offset must be a non-negative integer, got ${show(offset)}`);
  }
}
