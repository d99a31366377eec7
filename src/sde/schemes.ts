/**
 * The scheme registry and the up-front compatibility check: a solver refuses an SDE whose noise type
 * the chosen scheme does not support, before any path is simulated.
 */
import { PathwiseRangeError, show } from '../errors.js';
import { eulerMaruyama } from './euler-maruyama.js';
import { milstein } from './milstein.js';
import { sra1 } from './sra1.js';
import type { Scheme } from './scheme.js';
import type { MethodName, NoiseType } from './types.js';

/**
 * Every scheme by name: `euler` (Euler–Maruyama), `milstein`, `sra1` (Rößler's order-1.5 SRK).
 * @example Object.keys(schemes)   // ['euler', 'milstein', 'sra1']
 */
export const schemes: Readonly<Record<MethodName, Scheme>> = { euler: eulerMaruyama, milstein, sra1 };

/**
 * The scheme called `method`, after checking that it supports `noise`.
 * @example
 * schemeFor('sde.solve', 'milstein', 'diagonal').strongOrder;   // 1
 * schemeFor('sde.solve', 'milstein', 'general');                // throws PathwiseRangeError: method "milstein" supports noise "scalar", "diagonal"
 */
export function schemeFor(fn: string, method: string, noise: NoiseType): Scheme {
  const scheme = (schemes as Record<string, Scheme | undefined>)[method];
  if (scheme === undefined) {
    throw new PathwiseRangeError(`${fn}: method must be one of ${Object.keys(schemes).join(', ')}, got ${show(method)}`);
  }
  if (!scheme.noise.includes(noise)) {
    const able = Object.values(schemes).filter((s) => s.noise.includes(noise)).map((s) => s.name);
    throw new PathwiseRangeError(
      `${fn}: method ${show(method)} supports noise ${scheme.noise.map((n) => show(n)).join(', ')}, not ${show(noise)}; ` +
      `for ${show(noise)} noise use ${able.map((n) => show(n)).join(' or ')}`,
    );
  }
  return scheme;
}
