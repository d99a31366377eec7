/**
 * The 8×8 handwritten digits (1797 images, UCI "Optical Recognition of Handwritten Digits", Alpaydin &
 * Kaynak 1998, CC BY 4.0; the attribution ships in data/digits/README.md). This file parses the CSV
 * (64 pixel values 0..16, then the label) and runs in browsers; digits-node.ts reads the shipped file.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { ImageDataset } from './dataset.js';

const SIDE = 8;
const PIXELS = SIDE * SIDE;
/** Pixel values are counts of set bits in 4×4 blocks of a 32×32 bitmap: 0..16. */
const MAX_VALUE = 16;

/**
 * Parses the digits CSV (one image per line: 64 integers 0..16 then the label 0..9), scaling pixels
 * to [0, 1].
 * @example
 * const ds = parseDigitsCsv('0,'.repeat(64) + '3\n');   // one blank image labelled 3
 * parseDigitsCsv('1,2,3\n');                           // throws PathwiseRangeError: line 1 has 3 fields, expected 65
 */
export function parseDigitsCsv(text: string): ImageDataset {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const n = lines.length;
  const images = new Float64Array(n * PIXELS);
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const f = lines[r]!.split(',');
    if (f.length !== PIXELS + 1) throw new PathwiseRangeError(`parseDigitsCsv: line ${r + 1} has ${f.length} fields, expected ${PIXELS + 1}`);
    for (let j = 0; j < PIXELS; j++) {
      const v = Number(f[j]);
      if (!(v >= 0 && v <= MAX_VALUE)) throw new PathwiseRangeError(`parseDigitsCsv: line ${r + 1}, pixel ${j}: expected 0..${MAX_VALUE}, got ${show(f[j])}`);
      images[r * PIXELS + j] = v / MAX_VALUE;
    }
    const label = Number(f[PIXELS]);
    if (!Number.isInteger(label) || label < 0 || label > 9) throw new PathwiseRangeError(`parseDigitsCsv: line ${r + 1}: label must be 0..9, got ${show(f[PIXELS])}`);
    labels[r] = label;
  }
  return { images: new Tensor(images, [n, PIXELS]), labels, width: SIDE, height: SIDE };
}

/**
 * Parses the gzipped digits CSV (the bytes of data/digits/digits.csv.gz, e.g. from `fetch`), using the
 * DecompressionStream that browsers and Node ≥ 18 provide.
 * @example
 * // A one-row CSV, gzipped in the page (CompressionStream); in a browser the shipped file comes from fetch:
 * // new Uint8Array(await (await fetch(url)).arrayBuffer())
 * const csv = `${Array(64).fill(0).join(',')},5\n`;
 * const gz = new Uint8Array(await new Response(new Blob([csv]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
 * const ds = await decodeDigitsGzip(gz);
 * ds.labels;   // [5]
 */
export async function decodeDigitsGzip(bytes: Uint8Array): Promise<ImageDataset> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return parseDigitsCsv(await new Response(stream).text());
}
