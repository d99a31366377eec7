/**
 * Table-driven derivative tests: every registered primitive has one row (op, input domains, order,
 * tolerance), and checkGrads verifies its JVP against central differences and its VJP by the
 * dot-product identity, to second order, on random inputs drawn by fast-check.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as pw from '../../src/index.js';
import { checkGrads } from '../../src/testing/index.js';
import { bind } from '../../src/ad/trace.js';
import { primitives } from '../../src/ad/primitive.js';
import type { Tensor } from '../../src/index.js';
import gammaincinv from '@stdlib/math-base-special-gammaincinv';
import { gammaSample, logGammaSample } from '../../src/distributions/implicit-sample.js';
import { concrete } from '../../src/ad/trace.js';
import { besselRatio, logBesselI0 } from '../../src/distributions/bessel-i0.js';
import { betaAt, vonMisesAt } from '../distributions/primitive-rows.js';
import { component, fromComponents } from '../../src/sde/components.js';
import { noiseContract } from '../../src/sde/noise-contract.js';

const W = pw.tensor([[0.3, -1.2, 0.5], [2, 0.1, -0.7]]);   // fixed noise for the SDE contraction rows

// Implicit-reparameterization primitives: the row recomputes z = F⁻¹(u; α) at fixed uniforms from the
// concrete α, so that central differences see dz/dα and the rule is checked against them (first order).
const U = [0.05, 0.4, 0.93];
const gammaAt = (alpha: Tensor) => {
  const a = concrete(alpha).data;
  const z = pw.tensor(U.map((u, i) => gammaincinv(u, a[i]!)));
  return gammaSample(alpha, z, z.shape);
};
const logGammaAt = (alpha: Tensor) => {
  const a = concrete(alpha).data;
  const l = pw.tensor(U.map((u, i) => Math.log(gammaincinv(u, a[i]!))));
  return logGammaSample(alpha, l, l.shape);
};

type Domain = [number, number];
interface Row {
  /** the function under test, built on the primitive */
  f: (...xs: Tensor[]) => Tensor;
  /** shape and value range of each argument */
  args: { shape: number[]; domain: Domain }[];
  order?: 1 | 2;
  tol?: number;
  eps?: number;
}

const any: Domain = [-2, 2];
const pos: Domain = [0.2, 3];
const v3 = (domain: Domain = any) => ({ shape: [3], domain });
const m23 = (domain: Domain = any) => ({ shape: [2, 3], domain });

// Piecewise-constant ops are checked away from their jumps: their derivative there is exactly zero.
const offGrid: Domain = [0.1, 0.9];

// A fused graph (one primitive to the engine) with a scalar used twice: its JVP and VJP are fused graphs too.
const fusedGraph = pw.fuse((a: Tensor, c: Tensor) => pw.div(pw.tanh(pw.mul(pw.sin(a), c)), pw.add(pw.exp(a), c)));

const table: Record<string, Row> = {
  fused: { f: fusedGraph, args: [m23(), { shape: [1], domain: pos }] },
  add: { f: pw.add, args: [m23(), v3()] },
  sub: { f: pw.sub, args: [v3(), m23()] },
  mul: { f: pw.mul, args: [m23(), { shape: [2, 1], domain: any }] },
  div: { f: pw.div, args: [m23(), v3(pos)] },
  neg: { f: pw.neg, args: [m23()] },
  pow: { f: pw.pow, args: [v3(pos), v3([-1.5, 2.5])] },
  exp: { f: pw.exp, args: [m23()] },
  expm1: { f: pw.expm1, args: [m23()] },
  log: { f: pw.log, args: [m23(pos)] },
  log1p: { f: pw.log1p, args: [m23([-0.8, 3])] },
  sqrt: { f: pw.sqrt, args: [m23(pos)] },
  sin: { f: pw.sin, args: [m23([-4, 4])] },
  cos: { f: pw.cos, args: [m23([-4, 4])] },
  tan: { f: pw.tan, args: [m23([-1.2, 1.2])] },
  tanh: { f: pw.tanh, args: [m23([-3, 3])] },
  sigmoid: { f: pw.sigmoid, args: [m23([-6, 6])] },
  softplus: { f: pw.softplus, args: [m23([-6, 6])] },
  erf: { f: pw.erf, args: [m23()] },
  erfc: { f: pw.erfc, args: [m23()] },
  invMillsRatio: { f: pw.invMillsRatio, args: [m23([-30, 5])] },
  normLogCdf: { f: pw.normLogCdf, args: [m23([-30, 6])] },
  normQuantile: { f: pw.normQuantile, args: [m23([0.02, 0.98])], tol: 1e-4 },
  lgamma: { f: pw.lgamma, args: [m23([0.3, 8])] },
  digamma: { f: pw.digamma, args: [m23([0.3, 8])] },
  polygamma: { f: (x) => pw.add(pw.polygamma(1, x), pw.polygamma(3, x)), args: [m23([0.5, 8])], tol: 1e-4 },
  abs: { f: pw.abs, args: [m23([0.1, 2])] },
  maximum: { f: pw.maximum, args: [v3([0, 1]), v3([2, 3])] },
  minimum: { f: pw.minimum, args: [v3([0, 1]), v3([2, 3])] },
  greater: { f: (a, b) => pw.mul(pw.greater(a, b), a), args: [v3(offGrid), v3([1.5, 2])] },
  less: { f: (a, b) => pw.mul(pw.less(a, b), a), args: [v3(offGrid), v3([1.5, 2])] },
  equal: { f: (a, b) => pw.mul(pw.equal(a, b), a), args: [v3(offGrid), v3([1.5, 2])] },
  step: { f: (x) => pw.mul(pw.step(x), x), args: [m23(offGrid)] },
  floor: { f: (x) => pw.mul(pw.floor(pw.mul(x, 3)), x), args: [m23([0.05, 0.3])] },
  sign: { f: (x) => pw.mul(pw.sign(x), x), args: [m23(offGrid)] },
  where: { f: (a, b) => pw.where(pw.tensor([1, 0, 1]), a, b), args: [m23(), v3()] },
  sum: { f: (x) => pw.add(pw.sum(x, 0), pw.sum(pw.exp(x))), args: [m23()] },
  max: { f: (x) => pw.max(pw.add(x, pw.tensor([0, 10, 20])), 1), args: [m23()] },
  reshape: { f: (x) => pw.mul(pw.reshape(x, [3, 2]), pw.tensor([[1], [2], [3]])), args: [m23()] },
  broadcastTo: { f: (x) => pw.mul(pw.broadcastTo(x, [2, 3]), x), args: [v3()] },
  transpose: { f: (x) => pw.mul(pw.transpose(x), pw.exp(pw.transpose(x))), args: [{ shape: [2, 3, 2], domain: any }] },
  slice: { f: (x) => pw.exp(pw.slice(x, [0, 1], [2, 2])), args: [m23()] },
  pad: { f: (x) => pw.exp(pw.pad(x, [1, 0], [3, 4])), args: [m23()] },
  concat: { f: (a, b) => pw.exp(pw.concat([a, b], 0)), args: [m23(), m23()] },
  gather: { f: (x) => pw.exp(pw.gather(x, [2, 0, 2], 1)), args: [m23()] },
  scatterAdd: {
    f: (x) => pw.exp(bind(primitives().get('scatterAdd')!, [x], { axis: 1, indices: Int32Array.from([1, 1, 0]), size: 4 })),
    args: [m23()],
  },
  gammaSample: { f: gammaAt, args: [v3([0.3, 6])], order: 1, tol: 1e-6 },
  logGammaSample: { f: logGammaAt, args: [v3([0.3, 6])], order: 1, tol: 1e-6 },
  studentTAssemble: {
    f: (loc, q) => bind(primitives().get('studentTAssemble')!, [loc, q], { sign: Float64Array.from([1, -1, 1]) }),
    args: [v3([-3, 3]), v3([-3, 3])],
    order: 1,
  },
  betaSample: { f: betaAt, args: [v3([0.5, 4]), v3([0.5, 4])], order: 1, tol: 1e-6 },
  vonMisesSample: { f: vonMisesAt, args: [v3([0.3, 20])], order: 1, tol: 1e-6 },
  atan: { f: pw.atan, args: [m23([-4, 4])] },
  logBesselI0: { f: logBesselI0, args: [m23([0.1, 40])] },
  besselRatio: { f: besselRatio, args: [m23([0.1, 40])] },
  'sde.noiseContract': { f: (g) => pw.exp(noiseContract(g, W)), args: [{ shape: [2, 2, 3], domain: any }] },
  'sde.noiseOuter': {
    f: (c) => pw.exp(bind(primitives().get('sde.noiseOuter')!, [c], { w: W.data, paths: 2, m: 3 })),
    args: [{ shape: [2, 2], domain: any }],
  },
  'sde.component': { f: (x) => pw.exp(component(x, 1)), args: [{ shape: [3, 2], domain: any }] },
  'sde.fromComponents': { f: (a, b) => pw.exp(fromComponents([a, b])), args: [{ shape: [3, 1], domain: any }, { shape: [3, 1], domain: any }] },
  matmul: { f: pw.matmul, args: [{ shape: [2, 2, 3], domain: any }, { shape: [3, 2], domain: any }] },
};

function drawArgs(row: Row) {
  return fc.tuple(...row.args.map(({ shape, domain: [lo, hi] }) =>
    fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })
      .map((vals) => pw.tensor(vals, shape))));
}

describe('every primitive passes checkGrads to second order', () => {
  it('has a row for every registered primitive', () => {
    const missing = [...primitives().keys()].filter((name) => !(name in table));
    expect(missing).toEqual([]);
  });

  for (const [name, row] of Object.entries(table)) {
    it(name, () => {
      fc.assert(fc.property(drawArgs(row), (args) => {
        checkGrads(row.f, args, { order: row.order ?? 2, tol: row.tol ?? 1e-5, eps: row.eps ?? 1e-5, name });
      }), { numRuns: 12, seed: 42 });
    });
  }
});
