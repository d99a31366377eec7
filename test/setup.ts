/**
 * Test setup: property tests run with a fixed fast-check seed, so the suite is deterministic like every
 * other statistical test (a failure reproduces; `fc.assert(..., { seed })` still overrides per test).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261125 });

// Commands and entry points choose their own worker count (every core for big runs); the suite runs its many
// small CLI runs on one thread each, and the tests of worker threads ask for their counts explicitly.
process.env.PATHWISE_WORKERS ??= '1';
