/** checkGrads must catch wrong rules in each mode and at second order (tests that can fail). */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { checkGrads, GradCheckError } from '../../src/testing/index.js';
import { definePrimitive } from '../../src/ad/primitive.js';
import { bind } from '../../src/ad/trace.js';
import { Tensor } from '../../src/tensor/tensor.js';

const cube = (x: Tensor) => new Tensor(x.data.map((v) => v * v * v), x.shape);
// x³ with a correct JVP and a VJP off by a factor 2.
const badVjp = definePrimitive({
  name: 'test.badVjp', smoothness: 'smooth', impl: ([x]) => cube(x!),
  vjp: (g, [x]) => [pw.mul(g, pw.mul(6, pw.mul(x!, x!)))],
  jvp: ([t], [x]) => pw.mul(t!, pw.mul(3, pw.mul(x!, x!))),
});
// x³ with a JVP off by a factor 2.
const badJvp = definePrimitive({
  name: 'test.badJvp', smoothness: 'smooth', impl: ([x]) => cube(x!),
  vjp: (g, [x]) => [pw.mul(g, pw.mul(3, pw.mul(x!, x!)))],
  jvp: ([t], [x]) => pw.mul(t!, pw.mul(6, pw.mul(x!, x!))),
});
// x³ whose first derivative is right but built from a constant: 3x² computed as 3·stop(x)², so
// second derivatives are wrong.
const badSecond = definePrimitive({
  name: 'test.badSecond', smoothness: 'smooth', impl: ([x]) => cube(x!),
  vjp: (g, [x]) => [pw.mul(g, pw.mul(3, pw.square(pw.stopGradient(x!))))],
  jvp: ([t], [x]) => pw.mul(t!, pw.mul(3, pw.square(pw.stopGradient(x!)))),
});

const x = pw.tensor([0.3, -1.1, 2]);

describe('checkGrads', () => {
  it('passes a correct composite function to second order', () => {
    expect(() => checkGrads((a) => pw.mul(pw.sin(a), pw.exp(a)), [x])).not.toThrow();
  });
  it('catches a wrong VJP', () => {
    expect(() => checkGrads((a) => bind(badVjp, [a], undefined), [x], { order: 1 })).toThrow(GradCheckError);
    expect(() => checkGrads((a) => bind(badVjp, [a], undefined), [x], { order: 1, modes: ['fwd'] })).not.toThrow();
  });
  it('catches a wrong JVP', () => {
    expect(() => checkGrads((a) => bind(badJvp, [a], undefined), [x], { order: 1, modes: ['fwd'] })).toThrow(/JVP vs central differences/);
  });
  it('catches wrong second derivatives', () => {
    expect(() => checkGrads((a) => bind(badSecond, [a], undefined), [x], { order: 1 })).not.toThrow();
    expect(() => checkGrads((a) => bind(badSecond, [a], undefined), [x], { order: 2 })).toThrow(/order 2/);
  });
});
