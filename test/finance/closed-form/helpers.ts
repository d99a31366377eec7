/**
 * Shared checks for the closed-form tests: tolerance comparisons that print the inputs and the miss,
 * and central finite differences of a price function along one named input.
 */

import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ absTol + relTol·|expected|, with a message that shows the gap. */
export function expectClose(actual: number, expected: number, absTol: number, relTol = 0, what = ''): void {
  const tol = absTol + relTol * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  expect(
    diff <= tol,
    `${what} actual ${actual}, expected ${expected}, |diff| ${diff.toExponential(3)} > tol ${tol.toExponential(3)}`,
  ).toBe(true);
}

/** Central difference (f(x+h) − f(x−h))/(2h) of `price` along `key`, with step h = rel·max(|x|, 1). */
export function centralDiff<T extends object>(price: (o: T) => number, option: T, key: keyof T, rel = 1e-5): number {
  const x = option[key] as unknown as number;
  const h = rel * Math.max(Math.abs(x), 1);
  const up = price({ ...option, [key]: x + h });
  const down = price({ ...option, [key]: x - h });
  return (up - down) / (2 * h);
}

/** Second central difference (f(x+h) − 2f(x) + f(x−h))/h² along `key`. */
export function secondDiff<T extends object>(price: (o: T) => number, option: T, key: keyof T, rel = 1e-3): number {
  const x = option[key] as unknown as number;
  const h = rel * Math.max(Math.abs(x), 1);
  return (price({ ...option, [key]: x + h }) - 2 * price(option) + price({ ...option, [key]: x - h })) / (h * h);
}
