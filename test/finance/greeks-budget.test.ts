/**
 * greeks() holds every request to a work and memory budget estimated before any work (the pilot included):
 * `paths: 1e12` and an Asian with `fixings: 1e8` used to hang and grow without bound; they are now one
 * PathwiseRangeError naming the size, the estimate and the option to raise. A run just under a budget runs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import { greeks, type GreeksOptions, type MarketSpec, type PayoffSpec } from '../../src/finance/index.js';
import { DEFAULT_GREEKS_MAX_MEMORY, DEFAULT_GREEKS_MAX_WORK, greeksCost } from '../../src/finance/greeks/budget.js';

const market: MarketSpec = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
const call: PayoffSpec = { kind: 'call', strike: 100 };
const asian = (fixings: number): PayoffSpec => ({ kind: 'asian-call', strike: 100, fixings });

const child = fileURLToPath(new URL('./fixtures/greeks-budget-child.ts', import.meta.url));
/** One greeks() call in a child process killed after 60 s (a hang fails the test instead of stalling it). */
const inChild = (payoff: PayoffSpec, options: GreeksOptions): { name: string; message: string; ms: number } => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, JSON.stringify({ payoff, options })], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as { name: string; message: string; ms: number };
};

describe('greeks: work and memory budget', () => {
  it('paths 1e12 (hung): refused at once, naming the size, the estimate and maxWork', () => {
    const r = inChild(call, { paths: 1e12 });
    expect(r.name).toBe('PathwiseRangeError');
    expect(r.message).toBe('greeks: the request needs about 6e+12 path-steps of work (1e+12 paths × 1 step, 5 estimates), over maxWork 1e+10; ask for less or raise maxWork');
    expect(r.ms).toBeLessThan(1000);
  }, 90_000);

  it('an Asian with fixings 1e8 (2 GB in 40 s): refused at once, even with 2 paths (the pilot alone would take hours)', () => {
    const r = inChild(asian(1e8), {});
    expect(r.name).toBe('PathwiseRangeError');
    expect(r.message).toBe('greeks: the request needs about 6e+13 path-steps of work (100000 paths × 1e+8 steps, 5 estimates), over maxWork 1e+10; ask for less or raise maxWork');
    expect(r.ms).toBeLessThan(1000);
    expect(() => greeks({ kind: 'bs' }, asian(1e8), market, { paths: 2, greeks: ['delta'] })).toThrow(/about 3\.9e\+10 path-steps of work \(2 paths × 1e\+8 steps, 1 estimate\), over maxWork/);
  }, 90_000);

  it('Heston steps 1e12 (2.6 GB in 60 s) and QMC with many replicates: refused', () => {
    const heston = { kind: 'heston' as const, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    expect(() => greeks(heston, call, market, { steps: 1e12 })).toThrow(/1e\+12 steps × 2 dimensions, 5 estimates\), over maxWork 1e\+10/);
    expect(() => greeks({ kind: 'bs' }, call, market, { qmc: 'sobol', replicates: 1e9, paths: 1e9 })).toThrow(/1e\+9 replicates\), over maxWork/);
  });

  it('memory: QMC holds every date\'s Sobol columns; refused over maxMemory, naming it', () => {
    const b = { kind: 'barrier' as const, strike: 100, barrier: 120, barrierType: 'up-out' as const };
    const o: GreeksOptions = { qmc: 'sobol', replicates: 2, paths: 1 << 20, steps: 1000, batchSize: 1 << 20, blockSize: 1 << 20 };
    expect(greeksCost({ kind: 'bs' }, b, o).bytes).toBeGreaterThan(DEFAULT_GREEKS_MAX_MEMORY);
    expect(() => greeks({ kind: 'bs' }, b, market, o)).toThrow(/^greeks: the request needs about \d+(\.\d+)? GB of memory \(1048576 paths × 1000 steps, 5 estimates, 2 replicates\), over maxMemory 2 GB; ask for less or raise maxMemory$/);
    expect(() => greeks({ kind: 'bs' }, call, market, { paths: 1000, maxMemory: 1e5 })).toThrow(PathwiseRangeError);
  });

  it('a run just under its budget runs; just over it is refused (the limit is inclusive)', () => {
    const o: GreeksOptions = { paths: 4000, greeks: ['delta', 'vega'], methods: ['pathwise', 'lr'], seed: 3 };
    const cost = greeksCost({ kind: 'bs' }, asian(12), o);
    expect(cost.work).toBeGreaterThan(4000 * 12 * 5);   // the paths' work, and the fixed costs on top
    expect(cost.work).toBeLessThan(2 * 4000 * 12 * 5);
    const r = greeks({ kind: 'bs' }, asian(12), market, { ...o, maxWork: cost.work, maxMemory: cost.bytes });
    expect(r.greeks.delta!.pathwise!.stderr).toBeGreaterThan(0);
    expect(() => greeks({ kind: 'bs' }, asian(12), market, { ...o, maxWork: 0.99 * cost.work })).toThrow(/over maxWork/);
    expect(() => greeks({ kind: 'bs' }, asian(12), market, { ...o, maxMemory: 0.99 * cost.bytes })).toThrow(/over maxMemory/);
    // the defaults, and raising them lets a large request through to its other checks
    expect(greeksCost({ kind: 'bs' }, call, { paths: 1e9 }).work).toBeLessThan(DEFAULT_GREEKS_MAX_WORK);
    expect(() => greeks({ kind: 'bs' }, call, market, { paths: 1e12, maxWork: Infinity, steps: 3 })).toThrow(/steps applies to Heston/);
  });

  it('invalid budgets are refused naming the option and the value', () => {
    expect(() => greeks({ kind: 'bs' }, call, market, { maxWork: -1 })).toThrow('greeks: maxWork must be a positive number of path-steps, got -1');
    expect(() => greeks({ kind: 'bs' }, call, market, { maxWork: NaN })).toThrow(/maxWork must be a positive number of path-steps, got NaN/);
    expect(() => greeks({ kind: 'bs' }, call, market, { maxMemory: 0 })).toThrow('greeks: maxMemory must be a positive number of bytes, got 0');
    expect(() => greeks({ kind: 'bs' }, call, market, { maxWork: '1e9' as unknown as number })).toThrow(/maxWork must be a positive number/);
  });
});
