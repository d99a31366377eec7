/**
 * What the page leaves on `window` for tests and curious users: each panel's last result exactly as the
 * library produced it, and when the first result was shown (ms since navigation start).
 */
export type PanelKind = 'lab' | 'greeks' | 'sde';

declare global {
  interface Window {
    __results: Partial<Record<PanelKind, unknown>>;
    __timing: { firstResultMs?: number; runMs: Partial<Record<PanelKind, number>> };
  }
}
