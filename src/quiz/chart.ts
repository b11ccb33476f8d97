import type { WeekPoint } from './report.js';

/**
 * A PNG of weekly participation (bars) and average score (line, %), drawn by Vega-Lite
 * to SVG and rasterised by resvg: no canvas, no native build, fonts from the system.
 * vega and resvg are loaded on first use only: the bot starts without them.
 */
export async function weeklyChartPng(weeks: readonly WeekPoint[], title: string): Promise<Buffer> {
  const [vega, vegaLite, { Resvg }] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  const values = weeks.map((w) => ({
    week: `${w.week.slice(8, 10)}/${w.week.slice(5, 7)}`,
    participants: w.participants,
    score: Math.round(w.averageScore * 1000) / 10,
  }));
  const x = { field: 'week', type: 'ordinal', title: 'Tuần (từ thứ Hai)', sort: null, axis: { labelAngle: 0 } };
  const spec = vegaLite.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: Math.max(320, values.length * 60),
    height: 240,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.85 },
        encoding: { x, y: { field: 'participants', type: 'quantitative', title: 'Số người tham gia', axis: { titleColor: '#4c78a8', tickMinStep: 1 } } },
      },
      {
        mark: { type: 'line', color: '#e45756', point: { color: '#e45756' }, strokeWidth: 3 },
        encoding: { x, y: { field: 'score', type: 'quantitative', title: 'Điểm trung bình (%)', scale: { domain: [0, 100] }, axis: { titleColor: '#e45756' } } },
      },
    ],
    resolve: { scale: { y: 'independent' } },
    config: { font: 'DejaVu Sans' },
  } as never).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG(2);
  view.finalize();
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
