/**
 * Node-only: reads the digits shipped in the package (data/digits/digits.csv.gz). Kept apart from
 * digits.ts so that the browser-safe parser never pulls in node:fs or node:zlib.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseDigitsCsv } from './digits.js';
import type { ImageDataset } from './dataset.js';

/**
 * The shipped file: three levels up from src/ml/data/ (or dist/ml/data/) is the package root.
 * @example DIGITS_PATH.endsWith('digits.csv.gz')   // true
 */
export const DIGITS_PATH = fileURLToPath(new URL('../../../data/digits/digits.csv.gz', import.meta.url));

/**
 * The 1797 digits as a [1797, 64] tensor of pixels in [0, 1] and their labels (Node only).
 * @example
 * const ds = loadDigits();           // ds.images.shape = [1797, 64], ds.labels[0] = 0
 */
export function loadDigits(path: string = DIGITS_PATH): ImageDataset {
  return parseDigitsCsv(gunzipSync(readFileSync(path)).toString('utf8'));
}
