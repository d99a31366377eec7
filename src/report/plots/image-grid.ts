/**
 * A grid of small grayscale images (8 × 8 digits: VAE inputs, reconstructions, samples) drawn with one
 * Vega-Lite rect per pixel. At a few dozen 8 × 8 images that is a few thousand rects, small enough to inline;
 * keeping it a Vega-Lite spec means it renders, is stored in report.json and is themed like every other plot.
 */

import type { TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, show } from '../../errors.js';
import { plotConfig, plotTitle, plural, readNumbers, type LayerSpec } from './common.js';

export interface ImageGridOptions {
  /** Row-major images of width × height values in [0, 1] (values outside are clamped and counted). */
  readonly images: readonly ArrayLike<number>[];
  readonly width: number;
  readonly height: number;
  /** Images per row of the grid. */
  readonly columns: number;
  readonly title: string;
  /** One short label under each image (e.g. 'input', 'recon.'); omit for none. */
  readonly labels?: readonly string[];
  /** Screen pixels per image pixel (default 8). */
  readonly pixelSize?: number;
  /** false (default): 0 is black and 1 white; true: 0 white and 1 black (ink on paper). */
  readonly invert?: boolean;
}

/**
 * Vega-Lite spec of the images laid out `columns` per row, one rect per pixel, with optional labels.
 *
 * @example
 * ```ts
 * const digit = new Float64Array(64).map((_, i) => (i % 9 === 0 ? 1 : 0));   // a diagonal stroke
 * const spec = imageGrid({ images: [digit, digit], width: 8, height: 8, columns: 2, title: 'Samples' });
 * imageGrid({ images: [new Float64Array(10)], width: 8, height: 8, columns: 1, title: 't' }); // throws PathwiseRangeError
 * ```
 */
export function imageGrid(options: ImageGridOptions): TopLevelSpec {
  const fn = 'imageGrid';
  const { width, height, columns, images } = options;
  for (const [name, value] of [['width', width], ['height', height], ['columns', columns]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new PathwiseRangeError(`${fn}: ${name} must be a positive integer, got ${show(value)}`);
    }
  }
  if (images.length === 0) throw new PathwiseRangeError(`${fn}: images must not be empty`);
  const labels = options.labels;
  if (labels !== undefined && labels.length !== images.length) {
    throw new PathwiseRangeError(`${fn}: labels has length ${labels.length} but there are ${images.length} images`);
  }
  const pixelSize = options.pixelSize ?? 8;
  if (!(pixelSize > 0)) throw new PathwiseRangeError(`${fn}: pixelSize must be positive, got ${show(pixelSize)}`);

  // Layout in image-pixel units: a one-pixel gap between images, two more below each when labelled.
  const gapX = 1;
  const gapY = labels === undefined ? 1 : 3;
  const gridRows = Math.ceil(images.length / columns);
  const gridColumns = Math.min(columns, images.length);
  const totalW = gridColumns * (width + gapX) - gapX;
  const totalH = gridRows * (height + gapY) - (labels === undefined ? gapY : 0);
  const pixels: { x: number; y: number; v: number }[] = [];
  const texts: { x: number; y: number; label: string }[] = [];
  let clamped = 0;
  let nonFinite = 0;
  images.forEach((image, i) => {
    const values = readNumbers(fn, `images[${i}]`, image);
    if (values.length !== width * height) {
      throw new PathwiseRangeError(`${fn}: images[${i}] has ${values.length} values, expected width × height = ${width * height}`);
    }
    const left = (i % columns) * (width + gapX);
    const top = Math.floor(i / columns) * (height + gapY);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        let v = values[r * width + c]!;
        if (Number.isNaN(v)) { nonFinite++; v = 0; } else if (v < 0 || v > 1) { clamped++; v = Math.min(1, Math.max(0, v)); }
        pixels.push({ x: left + c, y: top + r, v });
      }
    }
    if (labels !== undefined) texts.push({ x: left + width / 2, y: top + height + 0.4, label: labels[i]! });
  });

  const notes: string[] = [];
  if (clamped > 0) notes.push(`${plural(clamped, 'pixel value')} outside [0, 1] clamped.`);
  if (nonFinite > 0) notes.push(`${plural(nonFinite, 'NaN pixel')} drawn as 0.`);
  const xScale = { domain: [0, totalW], nice: false, zero: false };
  const yScale = { domain: [0, totalH], nice: false, zero: false, reverse: true };
  const hidden = { axis: null } as const;
  const range = options.invert === true ? ['#ffffff', '#000000'] : ['#000000', '#ffffff'];
  const layers: LayerSpec[] = [
    {
      transform: [{ calculate: 'datum.x + 1', as: 'x2' }, { calculate: 'datum.y + 1', as: 'y2' }],
      mark: { type: 'rect', strokeWidth: 0 },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: xScale, ...hidden },
        x2: { field: 'x2' },
        y: { field: 'y', type: 'quantitative', scale: yScale, ...hidden },
        y2: { field: 'y2' },
        color: { field: 'v', type: 'quantitative', scale: { domain: [0, 1], range, clamp: true }, legend: null },
      },
    },
  ];
  if (labels !== undefined) {
    layers.push({
      data: { values: texts },
      mark: { type: 'text', baseline: 'top', align: 'center', fontSize: 12, color: '#333' },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: xScale, ...hidden },
        y: { field: 'y', type: 'quantitative', scale: yScale, ...hidden },
        text: { field: 'label', type: 'nominal' },
      },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plotTitle(options.title, notes),
    width: totalW * pixelSize,
    height: totalH * pixelSize,
    config: { ...plotConfig, view: { stroke: null } },
    data: { values: pixels },
    layer: layers,
  };
}
