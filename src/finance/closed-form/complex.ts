/**
 * The little complex arithmetic the Heston characteristic function needs. Plain immutable records and
 * free functions: the characteristic function is evaluated a few thousand times per price, far from any
 * hot loop, so clarity wins over avoiding small allocations here.
 *
 * `log1p` and `expm1` are included because the Heston formula subtracts nearly equal quantities when the
 * volatility of variance or the maturity is small; computing them directly keeps full relative accuracy.
 */
import * as dmath from '../../ad/kernels/scalar-math.js';

/** A complex number re + i·im. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** Builds re + i·im. */
export function complex(re: number, im = 0): Complex {
  return { re, im };
}

export function add(a: Complex, b: Complex): Complex {
  return { re: a.re + b.re, im: a.im + b.im };
}

export function sub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

export function mul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

/** a·x for real x. */
export function scale(a: Complex, x: number): Complex {
  return { re: a.re * x, im: a.im * x };
}

/** a / b by Smith's algorithm, which avoids overflow in |b|² for large b. */
export function div(a: Complex, b: Complex): Complex {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const t = b.im / b.re;
    const den = b.re + b.im * t;
    return { re: (a.re + a.im * t) / den, im: (a.im - a.re * t) / den };
  }
  const t = b.re / b.im;
  const den = b.re * t + b.im;
  return { re: (a.re * t + a.im) / den, im: (a.im * t - a.re) / den };
}

export function exp(a: Complex): Complex {
  const m = dmath.exp(a.re);
  return { re: m * dmath.cos(a.im), im: m * dmath.sin(a.im) };
}

/** e^a − 1, accurate when |a| is small: Re = expm1(x)cos y − 2sin²(y/2), Im = eˣ sin y. */
export function expm1(a: Complex): Complex {
  const s = dmath.sin(0.5 * a.im);
  return { re: dmath.expm1(a.re) * dmath.cos(a.im) - 2 * s * s, im: dmath.exp(a.re) * dmath.sin(a.im) };
}

/** ln(1 + a) on the principal branch, accurate when |a| is small: ln|1+a| = ½ log1p(2Re a + |a|²). */
export function log1p(a: Complex): Complex {
  return {
    re: 0.5 * dmath.log1p(2 * a.re + a.re * a.re + a.im * a.im),
    im: dmath.atan2(a.im, 1 + a.re),
  };
}

/** Principal square root (Re ≥ 0), computed without cancellation. */
export function sqrt(a: Complex): Complex {
  if (a.re === 0 && a.im === 0) return { re: 0, im: 0 };
  const m = dmath.hypot(a.re, a.im);
  if (a.re >= 0) {
    const t = Math.sqrt(0.5 * (m + a.re));
    return { re: t, im: a.im / (2 * t) };
  }
  const t = Math.sqrt(0.5 * (m - a.re));
  return { re: Math.abs(a.im) / (2 * t), im: a.im >= 0 ? t : -t };
}
