/**
 * The fused step (src/sde/fused-step.ts) against the op-by-op step: the same bits, === on every number, for
 * each built-in model in forward mode (per-path tangents), adjoint mode, finite differences and `solve`; the
 * step really runs fused (also with an op that runs on tiles); a step that is not a per-path elementwise graph,
 * or a drift that reads the values of its tensors, falls back to op by op with the same results.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { models, sensitivity, solve, tangentPaths, type SensitivityOptions } from '../../src/sde/index.js';
import { setStepFusionEnabled, stepFusionCounts } from '../../src/sde/fused-step.js';
import { atan, exp, pow, sum, tan } from '../../src/ad/ops/index.js';
import { key } from '../../src/random/key.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { greeks } from '../../src/finance/greeks/greeks.js';

type Options = SensitivityOptions<Record<string, number>>;

/** Both ways: fusion off, then on; the counts of the fused run. */
function both<T>(run: () => T): { off: T; on: T; fused: number; replayed: number; retired: number } {
  setStepFusionEnabled(false);
  const off = run();
  setStepFusionEnabled(true);
  const before = { ...stepFusionCounts };
  const on = run();
  return {
    off, on, fused: stepFusionCounts.fused - before.fused, replayed: stepFusionCounts.replayed - before.replayed,
    retired: stepFusionCounts.retired - before.retired,
  };
}

function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  let diff = -1;
  for (let i = 0; i < a.length && diff < 0; i++) if (!Object.is(a[i], b[i])) diff = i;
  expect(diff, diff < 0 ? '' : `element ${diff}: ${a[diff]} vs ${b[diff]}`).toBe(-1);
}

const withSmallRun = (o: Options): Options => ({ ...o, paths: 1500, steps: 12, batchSize: 512 });

const logGbm: Options = {
  drift: models.logGbmSystem.drift as Options['drift'], diffusion: models.logGbmSystem.diffusion as Options['diffusion'],
  loss: (x) => exp(x), x0: [Math.log(100)], params: { rate: 0.03, sigma: 0.25 }, t1: 1, steps: 12, paths: 1500,
  noise: 'scalar', key: key(5), autonomous: true,
};

const ou: Options = {
  drift: (_t, x, p) => p.theta!.mul(p.mu!.sub(x)), diffusion: (_t, _x, p) => p.sigma!,
  loss: (x) => x.mul(x), x0: 0.5, params: { theta: 1.5, mu: 0.2, sigma: 0.4 }, t1: 1, steps: 12, paths: 1500,
  noise: 'additive', method: 'sra1', key: key(6), autonomous: true,
};

const MODELS: [string, Options][] = [
  ['heston (Euler, general 2×2 noise)', withSmallRun(models.heston(1, 1, 3) as unknown as Options)],
  ['heston recorded at every step (not declared autonomous)', { ...withSmallRun(models.heston(1, 1, 3) as unknown as Options), autonomous: false }],
  ['gbm (Milstein, diagonal noise)', withSmallRun(models.gbm(1, 1, 4) as unknown as Options)],
  ['geneExpression (Euler, general 2×4 noise)', withSmallRun(models.geneExpression(1, 1, 7) as unknown as Options)],
  ['logGbmSystem (Euler, scalar noise)', logGbm],
  ['Ornstein–Uhlenbeck (SRA1, additive noise)', ou],
];

afterEach(() => setStepFusionEnabled(true));

describe('fused SDE step', () => {
  for (const [name, o] of MODELS) {
    it(`${name}: forward tangents per path, adjoint, fd and solve are the same bits fused and op by op`, () => {
      const wrt = o.wrt ?? Object.keys(o.params);
      const fwd = both(() => tangentPaths({ ...o, wrt }));
      expect(fwd.fused).toBeGreaterThan(0);
      // an autonomous system's step is recorded once per batch and replayed (not SRA1's: its contraction
      // weights are computed from the noise, so each step's recording has new arrays)
      if (o.autonomous === true && o.method !== 'sra1') expect(fwd.replayed).toBeGreaterThan(fwd.fused / 2);
      else expect(fwd.replayed).toBe(0);
      expect(fwd.retired).toBe(0);
      expectSameBits(fwd.off.x.data, fwd.on.x.data);
      for (const k of wrt) expectSameBits(fwd.off.tangents[k]!.data, fwd.on.tangents[k]!.data);
      for (const mode of ['forward', 'adjoint', 'fd'] as const) {
        const r = both(() => sensitivity({ ...o, mode }));
        expect(r.fused, mode).toBeGreaterThan(0);
        expect(r.retired, mode).toBe(0);
        expect(r.on.value.mean).toBe(r.off.value.mean);
        expect(r.on.value.stderr).toBe(r.off.value.stderr);
        for (const k of wrt) {
          expect(r.on.grad[k]!.mean, `${mode} ${k}`).toBe(r.off.grad[k]!.mean);
          expect(r.on.grad[k]!.stderr, `${mode} ${k}`).toBe(r.off.grad[k]!.stderr);
        }
      }
      const s = both(() => solve({ ...o, saveAt: [0.5, 1] }));
      expect(s.fused).toBeGreaterThan(0);
      expectSameBits(s.off.values.data, s.on.values.data);
    });
  }

  it('an op without a per-element expression (exp, a WebAssembly loop) runs on tiles inside the fused step, same bits', () => {
    const o: Options = { ...logGbm, drift: (_t, x, p) => exp(x.mul(-0.01)).mul(p.rate!), batchSize: 700 };   // tiles of 512 and a rest
    const r = both(() => tangentPaths({ ...o, wrt: ['rate', 'sigma'] }));
    expect(r.fused).toBeGreaterThan(0);
    expect(r.retired).toBe(0);
    expectSameBits(r.off.x.data, r.on.x.data);
    expectSameBits(r.off.tangents.rate!.data, r.on.tangents.rate!.data);
    expectSameBits(r.off.tangents.sigma!.data, r.on.tangents.sigma!.data);
  });

  it('expressions that call the engine-independent scalar functions (pow, tan, atan) run fused, same bits', () => {
    const o: Options = {
      ...logGbm,
      drift: (_t, x, p) => pow(x.mul(x).add(1), 0.75).mul(p.rate!).add(atan(x).mul(0.01)).add(tan(x.mul(0.001))),
    };
    const r = both(() => tangentPaths({ ...o, wrt: ['rate', 'sigma'] }));
    expect(r.fused).toBeGreaterThan(0);
    expect(r.retired).toBe(0);
    expectSameBits(r.off.x.data, r.on.x.data);
    expectSameBits(r.off.tangents.rate!.data, r.on.tangents.rate!.data);
  });

  it('a step that is not per path (a sum over paths) runs op by op, with the same results', () => {
    const o: Options = { ...logGbm, drift: (_t, x, p) => x.mul(0).add(sum(x).mul(0)).add(p.rate!) };
    const r = both(() => tangentPaths({ ...o, wrt: ['rate'] }));
    expect(r.fused).toBe(0);
    expectSameBits(r.off.tangents.rate!.data, r.on.tangents.rate!.data);
  });

  it('a drift that reads the values of its tensors is caught on the first run and falls back, with the same results', () => {
    // The recording cannot see values: y.data[0] is a placeholder while recording.
    const o: Options = { ...logGbm, drift: (_t, x, p) => { const y = x.mul(p.rate!); return y.mul((y as Tensor).data[0]! + 1); } };
    const r = both(() => tangentPaths({ ...o, wrt: ['rate'] }));
    expect(r.retired).toBeGreaterThan(0);
    expectSameBits(r.off.x.data, r.on.x.data);
    expectSameBits(r.off.tangents.rate!.data, r.on.tangents.rate!.data);
  });

  it('the Greeks streams (pathwise, auto with its finite differences) are the same bits fused, for Heston and Black–Scholes', () => {
    const market = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
    const heston = { kind: 'heston' as const, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const cases = [
      () => greeks(heston, { kind: 'call', strike: 100 }, market, { paths: 2000, steps: 16, seed: 1, methods: ['auto'] }),
      () => greeks(heston, { kind: 'call', strike: 100 }, market, { paths: 2000, steps: 16, seed: 2, greeks: ['delta', 'vega'], methods: ['pathwise'] }),
      () => greeks({ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 8 }, market, { paths: 2000, seed: 3, methods: ['auto'] }),
    ];
    for (const run of cases) {
      const r = both(run);
      expect(r.fused).toBeGreaterThan(0);
      expect(r.retired).toBe(0);
      expect(r.on.price.mean).toBe(r.off.price.mean);
      expect(r.on.price.stderr).toBe(r.off.price.stderr);
      for (const [g, byMethod] of Object.entries(r.off.greeks)) {
        for (const [m, e] of Object.entries(byMethod as Record<string, { mean: number; stderr: number } | undefined>)) {
          const f = (r.on.greeks as Record<string, Record<string, { mean: number; stderr: number } | undefined>>)[g]![m];
          expect(f?.mean, `${g} ${m}`).toBe(e?.mean);
          expect(f?.stderr, `${g} ${m}`).toBe(e?.stderr);
        }
      }
    }
  });
});
