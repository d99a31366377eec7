import { add, mul, maximum, sqrt } from './src/ad/index.js';
import { Tensor } from './src/tensor/tensor.js';
import { scalar } from './src/tensor/create.js';
import { tidy } from './src/tensor/pool.js';
const n = 32768;
const a1 = new Tensor(new Float64Array(n).fill(1.5), [n]);
const a2 = new Tensor(new Float64Array(n).fill(1.5), [n, 1]);
const b2 = new Tensor(new Float64Array(2 * n).fill(1.5), [n, 2]);
const s = scalar(0.3);
for (const [name, f] of [['mul [n]·s', () => mul(a1, s)], ['mul [n,1]·s', () => mul(a2, s)], ['mul [n]·num', () => mul(a1, 0.3)], ['add [n,1]+[n,1]', () => add(a2, a2)], ['add [n]+[n]', () => add(a1, a1)], ['mul [n,2]·s', () => mul(b2, s)], ['max [n,1]', () => maximum(a2, 0)], ['sqrt [n,1]', () => sqrt(a2)]] as const) {
  for (let w = 0; w < 50; w++) tidy(() => f());
  const t0 = performance.now();
  for (let w = 0; w < 500; w++) tidy(() => f());
  console.log(name, ((performance.now() - t0) / 500 * 1e6 / n).toFixed(2), 'ns/elem');
}
