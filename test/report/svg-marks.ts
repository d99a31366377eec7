/** Test helper: counts the data marks (not axes, legends or titles) in a Vega SVG string, by mark type. */
export function markCounts(svg: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of svg.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
    const type = m[1]!;
    counts[type] = (counts[type] ?? 0) + (m[2]!.match(/<(path|line|text)\b/g) ?? []).length;
  }
  return counts;
}
