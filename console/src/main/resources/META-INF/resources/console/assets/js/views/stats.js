// Statistics: GET /calls/stats per hour or day over a chosen range, as four charts (calls, answer
// rate, ring time, talk time; a fifth, who answered, when calls had AMD) drawn with uPlot, and the
// same figures as a table, which is what a screen reader reads (the charts are images to it).

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {field, showProblem} from '../forms.js';
import {millis} from '../format.js';
import {loadUplot} from '../uplot.js';
import {fromInstantInput, toInstantInput} from '../instants.js';

const FILTERS = ['interval', 'from', 'to'];

function percent(rate) {
  return typeof rate === 'number' ? `${(rate * 100).toFixed(1)} %` : '—';
}

function secs(value) {
  return typeof value === 'number' ? `${value.toFixed(1)} s` : '—';
}

/** A bucket's start in UTC, as the API counts: hours as 2026-12-02 14:00, days as 2026-12-02. */
/** The total's AMD figures in words, or nothing for a range without AMD calls. */
function amdTotal(total) {
  if (total.byAnsweredBy === undefined) return '';
  return ` AMD: ${total.byAnsweredBy.human ?? 0} by a person, ${total.byAnsweredBy.machine ?? 0} by a machine, `
    + `${total.voicemailsLeft ?? 0} voicemails left, ${millis(total.averageAmdMillis)} to a result on average.`;
}

function bucketLabel(iso, interval) {
  const text = new Date(iso).toISOString();
  return interval === 'day' ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

function rangeForm(query, router) {
  const fields = {
    interval: field('Per', h('select', {name: 'interval', id: 'stats-interval'},
      h('option', {value: 'hour', text: 'Hour (default: the last 24 hours)'}),
      h('option', {value: 'day', text: 'Day (default: the last 30 days)'}))),
    from: field('From', h('input', {type: 'datetime-local', step: '1', name: 'from', id: 'stats-from'}), 'Your local time; empty for the default'),
    to: field('To', h('input', {type: 'datetime-local', step: '1', name: 'to', id: 'stats-to'}), 'Empty for now; at most 92 days after From'),
  };
  fields.interval.control.value = query.interval === 'day' ? 'day' : 'hour';
  fields.from.control.value = toInstantInput(query.from);
  fields.to.control.value = toInstantInput(query.to);
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
  const form = h('form', {class: 'filters', 'aria-label': 'Statistics range', novalidate: true},
    h('div', {class: 'filter-grid'}, Object.values(fields)),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', text: 'Show'})),
    summary);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    router.go('/stats', {
      interval: fields.interval.control.value,
      from: fromInstantInput(fields.from.control.value.trim()),
      to: fromInstantInput(fields.to.control.value.trim()),
    });
  });
  return {form, fields, summary};
}

const COLUMNS = [
  {heading: 'Calls', value: (f) => String(f.calls)},
  // Dials, retried ones included: absent where no attempt was counted (calls ended before retries existed).
  {heading: 'Attempts', value: (f) => (f.attempts === undefined ? '—' : String(f.attempts))},
  {heading: 'Answered', value: (f) => String(f.answered)},
  {heading: 'Answer rate', value: (f) => percent(f.answerRate)},
  {heading: 'Average ring', value: (f) => secs(f.averageRingSeconds)},
  {heading: '90th percentile ring', value: (f) => secs(f.p90RingSeconds)},
  {heading: 'Average talk', value: (f) => secs(f.averageTalkSeconds)},
];

// Answering-machine detection's figures: a bucket without AMD calls has none of them.
const AMD_COLUMNS = [
  {heading: 'Answered by a person', value: (f) => String(f.byAnsweredBy?.human ?? 0)},
  {heading: 'Answered by a machine', value: (f) => String(f.byAnsweredBy?.machine ?? 0)},
  {heading: 'Voicemails left', value: (f) => String(f.voicemailsLeft ?? 0)},
  {heading: 'Average AMD time', value: (f) => millis(f.averageAmdMillis)},
];

function hasAmd(report) {
  return report.total.byAnsweredBy !== undefined;
}

function figuresTable(report) {
  const columns = hasAmd(report) ? [...COLUMNS, ...AMD_COLUMNS] : COLUMNS;
  const first = 'Bucket (UTC)';
  const row = (label, figures, header) => h('tr', {},
    h(header ? 'th' : 'td', {'data-label': first, scope: header ? 'row' : null, text: label}),
    columns.map((c) => h('td', {'data-label': c.heading, text: c.value(figures)})));
  return h('table', {class: 'stats-table', id: 'stats-table'},
    h('caption', {text: `Per ${report.interval}, ${bucketLabel(report.from, report.interval)} to ${bucketLabel(report.to, report.interval)} (UTC)`}),
    h('thead', {}, h('tr', {}, [first, ...columns.map((c) => c.heading)].map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, report.buckets.map((bucket) => row(bucketLabel(bucket.start, report.interval), bucket, false))),
    h('tfoot', {}, row('Total', report.total, true)));
}

const CHARTS = [
  {id: 'calls', title: 'Calls', unit: '', series: [{label: 'Calls', value: (b) => b.calls, stroke: '#0b5cad', fill: 'rgba(11,92,173,0.35)', bars: true}]},
  {id: 'answer-rate', title: 'Answer rate', unit: '%', series: [{label: 'Answer rate', value: (b) => (typeof b.answerRate === 'number' ? b.answerRate * 100 : null), stroke: '#17663a'}]},
  {id: 'ring', title: 'Ring time', unit: 's', series: [
    {label: 'Average ring', value: (b) => b.averageRingSeconds ?? null, stroke: '#0b5cad'},
    {label: '90th percentile ring', value: (b) => b.p90RingSeconds ?? null, stroke: '#7a4d00', dash: [6, 4]}]},
  {id: 'talk', title: 'Talk time', unit: 's', series: [{label: 'Average talk', value: (b) => b.averageTalkSeconds ?? null, stroke: '#8a3ffc'}]},
];

// Drawn when the range has calls dialed with AMD.
const AMD_CHART = {id: 'amd', title: 'Answering-machine detection', unit: '', series: [
  {label: 'Person', value: (b) => b.byAnsweredBy?.human ?? 0, stroke: '#17663a'},
  {label: 'Machine', value: (b) => b.byAnsweredBy?.machine ?? 0, stroke: '#7a4d00'},
  {label: 'Voicemails left', value: (b) => b.voicemailsLeft ?? 0, stroke: '#0b5cad', dash: [6, 4]}]};

function chartOptions(uPlot, chart, width) {
  return {
    title: chart.title,
    width,
    height: 200,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    scales: {y: {range: (u, min, max) => [0, Math.max(max ?? 0, chart.unit === '%' ? 100 : 1)]}},
    axes: [{}, {values: (u, ticks) => ticks.map((t) => `${t}${chart.unit ? ` ${chart.unit}` : ''}`), size: 60}],
    series: [{label: 'Bucket (UTC)'}, ...chart.series.map((s) => ({
      label: s.label, stroke: s.stroke, width: 2, fill: s.fill, dash: s.dash, spanGaps: false,
      paths: s.bars ? uPlot.paths.bars({size: [0.7, 40]}) : undefined, points: {show: true, size: 5},
    }))],
  };
}

function drawCharts(uPlot, holder, report) {
  const xs = report.buckets.map((b) => Date.parse(b.start) / 1000);
  const plots = [];
  // Each chart as wide as its figure: one column on a phone, two on a wide screen.
  const widthOf = (canvas) => Math.max(200, Math.floor(canvas.clientWidth));
  const figures = (hasAmd(report) ? [...CHARTS, AMD_CHART] : CHARTS).map((chart) => {
    const data = [xs, ...chart.series.map((s) => report.buckets.map(s.value))];
    const canvas = h('div', {class: 'chart-canvas'});
    const figure = h('figure', {class: 'chart', id: `chart-${chart.id}`, 'aria-describedby': 'stats-table'},
      h('figcaption', {class: 'visually-hidden', text: `${chart.title} per ${report.interval}; the table below has the same figures.`}),
      canvas);
    return {figure, canvas, chart, data};
  });
  replace(holder, figures.map((f) => f.figure));
  for (const f of figures) {
    plots.push(new uPlot(chartOptions(uPlot, f.chart, widthOf(f.canvas)), f.data, f.canvas));
    // The canvas is a picture: screen readers take the table, which the figure points to.
    f.canvas.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
  }
  const resize = () => plots.forEach((p, i) => p.setSize({width: widthOf(figures[i].canvas), height: 200}));
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    plots.forEach((p) => p.destroy());
  };
}

export function mount(container, {query, api, router, setTitle}) {
  setTitle('Statistics');
  const {form, fields, summary} = rangeForm(query, router);
  const results = h('div', {class: 'results', 'aria-live': 'polite', 'aria-busy': 'true'}, state('loading', 'Loading statistics…'));
  replace(container, h('h1', {text: 'Statistics'}),
    h('p', {class: 'hint', text: 'Final calls, counted in the UTC hour or day they were placed.'}), form, results);
  let undraw = () => {};
  let gone = false;
  const load = async () => {
    results.setAttribute('aria-busy', 'true');
    try {
      const params = Object.fromEntries(FILTERS.map((name) => [name, query[name]]));
      const [report, uPlot] = await Promise.all([api.get('/calls/stats', params), loadUplot()]);
      if (gone) return;
      if (report.total.calls === 0) {
        replace(results, state('empty', 'No final calls in this range.', h('p', {}, h('a', {href: '#/calls/new', text: 'Place a call'}))));
        return;
      }
      const charts = h('div', {class: 'charts', id: 'stats-charts'});
      const totals = h('p', {class: 'stats-total', id: 'stats-total',
        text: `${report.total.calls} calls${report.total.attempts === undefined ? '' : ` (${report.total.attempts} attempts)`}, ${report.total.answered} answered (${percent(report.total.answerRate)}).${amdTotal(report.total)}`});
      replace(results, totals, charts, h('h2', {text: 'The figures'}), h('div', {class: 'table-wrap'}, figuresTable(report)));
      undraw = drawCharts(uPlot, charts, report);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        showProblem(e, fields, summary);
        replace(results, state('error', 'The range was not accepted; see the fields above.'));
        return;
      }
      replace(results, state('error', `The statistics could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => load(), text: 'Try again'})));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };
  load();
  return () => {
    gone = true;
    undraw();
  };
}
