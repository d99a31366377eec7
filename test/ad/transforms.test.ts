import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { tensor, grad, valueAndGrad, jvp, vjp, mul, sum, exp, sin, cos, log, type Tensor } from '../../src/index.js';

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * (1 + Math.abs(b)));

describe('reverse mode', () => {
  it('differentiates numbers, tensors and records, returning the same structure', () => {
    expect(grad((x: Tensor) => mul(x, x))(3 as unknown as Tensor)).toBe(6);
    const g = grad((p: { a: number; b: Tensor }) => sum(mul(p.b, p.a)))({ a: 2, b: tensor([1, 2]) });
    expect(g.a).toBe(3);
    expect(g.b.toArray()).toEqual([2, 2]);
    const h = grad((xs: Tensor[]) => mul(xs[0]!, xs[1]!))([tensor(2), tensor(5)]);
    expect(h.map((t) => t.item())).toEqual([5, 2]);
  });
  it('accepts parameters typed by an interface (no index signature needed)', () => {
    interface Params { w: Tensor; b: number }
    const loss = (p: Params) => sum(pw.add(mul(p.w, p.w), p.b));
    const g = grad(loss)({ w: tensor([1, 3]), b: 2 });
    expect(g.w.toArray()).toEqual([2, 6]);
    expect(g.b).toBe(2);
  });
  it('returns the value with the gradient', () => {
    const [v, g] = valueAndGrad((x: Tensor) => sum(mul(x, x)))(tensor([1, 2]));
    expect(v.item()).toBe(5);
    expect(g.toArray()).toEqual([2, 4]);
  });
  it('gives zero for inputs the output does not depend on', () => {
    expect(grad((_x: Tensor) => tensor(1))(tensor([1, 2])).toArray()).toEqual([0, 0]);
  });
  it('refuses a non-scalar output with a message pointing to vjp', () => {
    expect(() => grad((x: Tensor) => mul(x, 2))(tensor([1, 2]))).toThrow(/must return a scalar.*shape \[2\].*vjp/);
  });
  it('vjp pulls back any cotangent, repeatedly', () => {
    const [y, back] = vjp((x: Tensor) => mul(exp(x), 2), tensor([0, 1]));
    expect(y.toArray()).toEqual([2, 2 * Math.E]);
    expect(back(tensor([1, 0])).toArray()).toEqual([2, 0]);
    expect(back(tensor([0, 1])).toArray()).toEqual([0, 2 * Math.E]);
    expect(() => back(tensor([1]))).toThrow(/cotangent shape \[1\] differs from the output shape \[2\]/);
  });
  it('un-broadcasts gradients to the input shape', () => {
    const g = grad((b: Tensor) => sum(mul(tensor([[1, 2], [3, 4]]), b)))(tensor([1, 1]));
    expect(g.toArray()).toEqual([4, 6]);
  });
});

describe('forward mode', () => {
  it('computes tangents without a tape', () => {
    const [y, t] = jvp((x: Tensor) => mul(sin(x), exp(x)), tensor([0.5]), tensor([1]));
    close(y.item(), Math.sin(0.5) * Math.exp(0.5));
    close(t.item(), (Math.cos(0.5) + Math.sin(0.5)) * Math.exp(0.5));
  });
  it('handles pytree outputs and constant outputs', () => {
    const [y, t] = jvp((x: Tensor) => ({ a: mul(x, 3), b: tensor(1) }), tensor([2]), tensor([1]));
    expect(y.a.toArray()).toEqual([6]);
    expect(t.a.toArray()).toEqual([3]);
    expect(t.b.toArray()).toEqual(0);
  });
  it('jvpMany gives every direction from one primal pass, equal to separate jvps', () => {
    const f = (v: Tensor[]) => mul(sin(v[0]!), exp(mul(v[1]!, v[0]!)));
    const at = [tensor([0.3, 1.1]), tensor([0.7, -0.2])];
    const dirs = [[tensor([1, 0]), tensor([0, 0])], [tensor([0, 0]), tensor([1, 1])], [tensor([0.5, 2]), tensor([-1, 3])]];
    const [y, ts] = pw.jvpMany(f, at, dirs);
    dirs.forEach((d, k) => {
      const [y1, t1] = jvp(f, at, d);
      expect(y.toArray()).toEqual(y1.toArray());
      expect(ts[k]!.toArray()).toEqual(t1.toArray());
    });
  });
  it('runs a long chain in constant memory (no tape is kept)', () => {
    let x0 = tensor([0.1]);
    const [, t] = jvp((x: Tensor) => { let y = x; for (let i = 0; i < 10_000; i++) y = sin(y); return y; }, x0, tensor([1]));
    let v = 0.1, d = 1;
    for (let i = 0; i < 10_000; i++) { d *= Math.cos(v); v = Math.sin(v); }
    close(t.item(), d, 1e-10);
    x0 = tensor([0]);
  });
});

describe('composition gives exact higher derivatives', () => {
  // f(x, y) = exp(x) sin(y) + x² y³ + log(x); analytic Hessian.
  const f = (v: Tensor) => {
    const x = pw.sliceAxis(v, 0, 0, 1), y = pw.sliceAxis(v, 0, 1, 2);
    return sum(pw.add(pw.add(mul(exp(x), sin(y)), mul(mul(x, x), mul(y, mul(y, y)))), log(x)));
  };
  const hessian = (x: number, y: number) => [
    [Math.exp(x) * Math.sin(y) + 2 * y ** 3 - 1 / x ** 2, Math.exp(x) * Math.cos(y) + 6 * x * y ** 2],
    [Math.exp(x) * Math.cos(y) + 6 * x * y ** 2, -Math.exp(x) * Math.sin(y) + 6 * x ** 2 * y],
  ];
  const at = tensor([0.7, -1.3]);
  const H = hessian(0.7, -1.3);

  it('grad of grad (reverse over reverse)', () => {
    for (let i = 0; i < 2; i++) {
      const row = grad((v: Tensor) => sum(mul(grad(f)(v), tensor(i === 0 ? [1, 0] : [0, 1]))))(at);
      close(row.data[0]!, H[i]![0]!);
      close(row.data[1]!, H[i]![1]!);
    }
  });
  it('jvp of grad (forward over reverse)', () => {
    const [, col] = jvp((v: Tensor) => grad(f)(v), at, tensor([0, 1]));
    close(col.data[0]!, H[0]![1]!);
    close(col.data[1]!, H[1]![1]!);
  });
  it('grad of jvp (reverse over forward)', () => {
    const row = grad((v: Tensor) => jvp(f, v, tensor([1, 0]))[1])(at);
    close(row.data[0]!, H[0]![0]!);
    close(row.data[1]!, H[0]![1]!);
  });
  it('third derivatives by nesting three times', () => {
    const d3 = grad((x: Tensor) => grad((y: Tensor) => grad((z: Tensor) => mul(sin(z), mul(z, z)))(y))(x))(tensor(0.4));
    const x = 0.4;
    close(d3.item(), -Math.cos(x) * x * x - 6 * x * Math.sin(x) + 6 * Math.cos(x));
  });
  it('does not confuse perturbations of nested transforms', () => {
    // d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1 (Siskind & Pearlmutter's example).
    const d = grad((x: Tensor) => mul(x, grad((y: Tensor) => pw.add(x, y))(tensor(2))))(tensor(3));
    expect(d.item()).toBe(1);
  });
  it('stopGradient blocks every level', () => {
    expect(grad((x: Tensor) => mul(x, pw.stopGradient(x)))(tensor(3)).item()).toBe(3);
    expect(jvp((x: Tensor) => mul(x, pw.stopGradient(x)), tensor(3), tensor(1))[1].item()).toBe(3);
    expect(cos(0).item()).toBe(1);
  });
});
