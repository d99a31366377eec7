import './methods.js';

export * from './ops/index.js';
export { grad, valueAndGrad, vjp, jvp, jvpMany } from './transforms.js';
export { fuse } from './fuse.js';
export { markSource, traceDiscontinuities, type DiscontinuityEvent } from './tracking.js';
export { setDebug } from './debug.js';
export type { Tree, Leaf, MapLeaves } from './pytree.js';
