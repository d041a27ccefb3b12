import type { DemandDay } from '@sayso/core';
import { html, svg } from 'lit';

const WIDTH = 300;
const HEIGHT = 80;
const DAY_MS = 86_400_000;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The words the chart says to a screen reader: where demand started and where it is. */
export function demandChartLabel(days: readonly DemandDay[]): string {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return 'Nobody has asked for this idea yet.';
  if (first === last) return `${last.total} ${last.total === 1 ? 'person' : 'people'}, all on ${first.date}.`;
  return `People over time: ${first.total} on ${first.date}, ${last.total} by ${last.date}, over ${days.length} days with new people.`;
}

/**
 * The demand behind an idea over time as a small step chart (people so far, by day), drawn as
 * SVG: a few dozen points at most need no chart library. Up to `today`, so a quiet spell shows flat.
 */
export function demandChart(days: readonly DemandDay[], today = new Date().toISOString().slice(0, 10)) {
  const label = demandChartLabel(days);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return html`<p class="muted">${label}</p>`;
  const start = dayNumber(first.date);
  const end = Math.max(dayNumber(today), dayNumber(last.date), start + 1);
  const x = (date: string) => ((dayNumber(date) - start) / (end - start)) * WIDTH;
  const y = (total: number) => HEIGHT - (total / last.total) * (HEIGHT - 4);
  let path = `M0 ${HEIGHT}`;
  for (const day of days) path += ` H${x(day.date).toFixed(1)} V${y(day.total).toFixed(1)}`;
  path += ` H${WIDTH}`;
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label} preserveAspectRatio="none">
      ${svg`<path d=${path} fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke"></path>`}
    </svg>
    <figcaption class="muted">${first.date} – ${today > last.date ? today : last.date}: ${last.total} ${last.total === 1 ? 'person' : 'people'}</figcaption>
  </figure>`;
}
