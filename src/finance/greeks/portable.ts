/**
 * Rebuilds a Greeks run from its JSON request in a worker thread or a cluster worker: the same validation,
 * pilot, plan and blocks as on the submitting thread, so every block is the same bits.
 */
import '../../ad/methods.js';   // user programs call the Tensor methods (x.mul, …)
import type { BlockRunnerFactory } from '../../montecarlo/block.js';
import { unpackTree } from '../../portable-json.js';
import type { GreeksOptions, MarketSpec, ModelSpec, PayoffSpec } from '../types.js';
import { prepareGreeks } from './greeks.js';

export const greeksBlocks: BlockRunnerFactory = (raw: unknown) => {
  const a = unpackTree(raw) as { model: ModelSpec; payoff: PayoffSpec; market: MarketSpec; options: GreeksOptions };
  // The budget was checked where the run was submitted, with its caller's limits; a worker computes only some of
  // the blocks.
  const prep = prepareGreeks(a.model, a.payoff, a.market, { ...a.options, maxMemory: Infinity, maxWork: Infinity });
  return { blocks: prep.job.blocks, compute: prep.job.compute };
};
