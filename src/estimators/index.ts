export { expectation, type Objective } from './expectation.js';
export { SampleContext, type SiteOptions } from './context.js';
export type { CompareOptions, CompareRow, ComponentRow } from './compare.js';
export type {
  EstimatorName, BaselineName, GradOptions, RunOptions, GradEstimate, GradTree, GradResult, Diagnostics,
  SiteReport, EventReport, Params, TensorTree,
} from './types.js';
