/**
 * Per-sample gradients from one reverse pass (src/ad/per-sample.ts) against the gradient of each row's cost
 * taken alone, for both pull-back strategies; and the refusal when the gradient does not separate by rows.
 */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { perSampleGrad } from '../../src/ad/per-sample.js';
import { markRowIndexed } from '../../src/ad/per-sample.js';
import { normal } from '../../src/random/normal.js';

const M = 5, D = 3;
const eps = () => markRowIndexed(new Tensor(normal(pw.key(4), M * D), [M, D]));

/** Per-row costs of a small variational program: loc and softplus(raw scale) broadcast over the rows. */
function costs(l: Tensor[]): Tensor {
  const [loc, raw, a] = l as [Tensor, Tensor, Tensor];
  const z = pw.add(loc, pw.mul(pw.softplus(raw), eps()));                        // [M, D]
  const f = pw.sum(pw.mul(pw.sin(z), pw.exp(pw.mul(a, 0.5))), 1);                // [M]
  return pw.add(f, pw.mul(pw.sum(raw), a));                                       // a term with no sample axis
}

const leaves = [pw.tensor([0.3, -0.2, 1.1]), pw.tensor([0.5, -1, 0.2]), pw.tensor(0.7)];

function rowByRow(): number[][] {
  return Array.from({ length: M }, (_, i) => {
    const pick = pw.tensor(Array.from({ length: M }, (_, j) => (j === i ? 1 : 0)));
    const [, g] = pw.valueAndGrad((l: Tensor[]) => pw.sum(pw.mul(costs(l), pick)))(leaves);
    return (g as Tensor[]).flatMap((t) => [...t.data]);
  });
}

describe('perSampleGrad', () => {
  it('gives every row\'s gradient, by row-wise pull-backs and by the Jacobian', () => {
    const truth = rowByRow();
    for (const pull of ['rows', 'jacobian'] as const) {
      const r = perSampleGrad((l) => pw.sum(costs(l)), leaves, M, pull)!;
      expect(r).not.toBeNull();
      expect(r.components).toBe(2 * D + 1);
      truth.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(r.rows[i * r.components + k]! - v), `${pull} row ${i} component ${k}`).toBeLessThan(1e-13 * (1 + Math.abs(v)))));
    }
  });

  it('returns null when a parameter meets the rows in a reduction over them (a matmul)', () => {
    const w = pw.tensor([[0.5], [1], [-2]]);
    const r = perSampleGrad((l) => pw.sum(pw.matmul(pw.mul(l[0]!, eps()), l[1]!)), [pw.tensor([1, 2, 3]), w], M, 'rows');
    expect(r).toBeNull();
  });

  it('returns null when nothing depends on the rows', () => {
    expect(perSampleGrad((l) => pw.sum(pw.square(l[0]!)), [pw.tensor([1, 2])], M, 'rows')).toBeNull();
  });
});
