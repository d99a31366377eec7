/**
 * Test setup: property tests run with a fixed fast-check seed, so the suite is deterministic like every
 * other statistical test (a failure reproduces; `fc.assert(..., { seed })` still overrides per test).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261125 });
