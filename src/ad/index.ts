import './methods.js';

export * from './ops/index.js';
export { grad, valueAndGrad, vjp, jvp, jvpMany } from './transforms.js';
export { fuse } from './fuse.js';
export { markSource, traceDiscontinuities, type DiscontinuityEvent } from './tracking.js';
export { setDebug } from './debug.js';
export { setMatmulWasmEnabled } from './kernels/matmul-wasm.js';
export { primitives, type Primitive, type Smoothness } from './primitive.js';
export type { Tree, Leaf, MapLeaves } from './pytree.js';
