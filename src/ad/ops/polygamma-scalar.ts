/**
 * ψ⁽ⁿ⁾(x) for n ≥ 2, which @stdlib does not provide: the recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) + (−1)ⁿ⁺¹ n!/xⁿ⁺¹
 * moves x above a threshold, then the asymptotic series (Abramowitz & Stegun 6.4.11)
 * ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ [ (n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σₖ B₂ₖ (2k+n−1)!/((2k)! x²ᵏ⁺ⁿ) ].
 * With x ≥ 20 + n and ten Bernoulli terms the truncation error is below double precision for n ≤ 20.
 */
import * as dmath from '../kernels/scalar-math.js';
const BERNOULLI_2K = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330];

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

export function polygammaScalar(n: number, x: number): number {
  if (x !== x) return NaN;
  if (x <= 0 && x === Math.floor(x)) return NaN;  // poles at 0, −1, −2, …
  const sgn = n % 2 === 1 ? 1 : -1;  // (−1)ⁿ⁺¹
  const nf = factorial(n);
  const threshold = 20 + n;
  let shifted = 0;
  while (x < threshold) {
    shifted += 1 / dmath.pow(x, n + 1);
    x += 1;
  }
  const inv = 1 / x;
  let series = factorial(n - 1) * dmath.pow(inv, n) + 0.5 * nf * dmath.pow(inv, n + 1);
  // term_k = B₂ₖ (2k+n−1)! / (2k)! / x^(2k+n); the ratio of factorials is built incrementally.
  let ratio = factorial(n + 1) / 2;  // (n+1)!/2! for k = 1
  let xp = dmath.pow(inv, n + 2);
  for (let k = 1; k <= BERNOULLI_2K.length; k++) {
    series += BERNOULLI_2K[k - 1]! * ratio * xp;
    ratio *= ((2 * k + n) * (2 * k + n + 1)) / ((2 * k + 1) * (2 * k + 2));
    xp *= inv * inv;
  }
  return sgn * (series + nf * shifted);
}
