// The call log: every filter of GET /calls, paging by cursor, and live updates while the page
// shows calls in flight (or is the newest page, where new calls appear).

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {field, showProblem} from '../forms.js';
import {ANSWERED_BY, answeredByBadge, CALL_STATUSES, DISPOSITIONS, inFlight, seconds, statusBadge, text, timeElement} from '../format.js';
import {fromInstantInput, toInstantInput} from '../instants.js';
import {poll} from '../poller.js';

const FILTERS = ['status', 'disposition', 'answeredBy', 'from', 'to', 'number', 'journeyId', 'limit'];
const LIVE_MS = 2000;
// The cursors of the pages before this one, per filter set: "Newer" walks back through them.
const earlierCursors = new Map();

/** @param values the API's values, or an object of value: words */
function select(name, label, values) {
  const options = Array.isArray(values) ? values.map((v) => [v, v.replace('_', ' ')]) : Object.entries(values);
  return field(label, h('select', {name, id: `filter-${name}`},
    h('option', {value: '', text: 'Any'}), options.map(([value, words]) => h('option', {value, text: words}))));
}

function filterForm(query, router) {
  const fields = {
    status: select('status', 'Status', CALL_STATUSES),
    disposition: select('disposition', 'Disposition', DISPOSITIONS),
    answeredBy: select('answeredBy', 'Answered by (AMD)', ANSWERED_BY),
    from: field('Created from', h('input', {type: 'datetime-local', step: '1', name: 'from', id: 'filter-from'})),
    to: field('Created before', h('input', {type: 'datetime-local', step: '1', name: 'to', id: 'filter-to'})),
    number: field('Number called', h('input', {type: 'text', name: 'number', id: 'filter-number', inputmode: 'tel',
      autocomplete: 'off', placeholder: '+14045550123'}), 'E.164'),
    journeyId: field('Journey id', h('input', {type: 'text', name: 'journeyId', id: 'filter-journeyId', autocomplete: 'off'})),
    limit: field('Per page', h('input', {type: 'number', name: 'limit', id: 'filter-limit', min: '1', max: '100',
      placeholder: '25'})),
  };
  for (const name of FILTERS) {
    const value = query[name] ?? '';
    fields[name].control.value = name === 'from' || name === 'to' ? toInstantInput(value) : value;
  }
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
  const form = h('form', {class: 'filters', 'aria-label': 'Filter calls', novalidate: true},
    h('div', {class: 'filter-grid'}, Object.values(fields)),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary', text: 'Apply filters'}),
      h('a', {href: '#/calls', class: 'button', text: 'Clear'})),
    summary);
  const active = FILTERS.filter((name) => query[name]).length;
  // Open on a wide screen or when filtering; on a phone the calls come first.
  const box = h('details', {class: 'filter-box', id: 'filters',
    open: active > 0 || window.matchMedia('(min-width: 40rem)').matches},
  h('summary', {text: active ? `Filters (${active} applied)` : 'Filters'}), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = {};
    for (const name of FILTERS) {
      const value = fields[name].control.value.trim();
      next[name] = name === 'from' || name === 'to' ? fromInstantInput(value) : value;
    }
    router.go('/calls', next);
  });
  return {form: box, fields, summary};
}

function callRow(call) {
  const cell = (label, ...content) => h('td', {'data-label': label}, ...content);
  return h('tr', {dataset: {callId: call.callId, status: call.status, answeredBy: call.answeredBy ?? '', recorded: call.recording ? 'true' : 'false'}},
    cell('Call', h('a', {href: `#/calls/${encodeURIComponent(call.callId)}`, class: 'mono', text: call.callId})),
    cell('Status', statusBadge(call.status), call.recording
      ? [' ', h('span', {class: 'badge recorded', title: 'Has a stored recording', text: 'recorded'})] : null),
    cell('To', text(call.to)),
    cell('From', text(call.from)),
    cell('Disposition', text(call.disposition)),
    cell('Answered by', answeredByBadge(call.answeredBy)),
    cell('Created', timeElement(call.createdAt), call.status === 'SCHEDULED' && call.notBefore
      ? [h('br'), h('span', {class: 'hint', text: 'not before '}), timeElement(call.notBefore)] : null),
    cell('Ring', seconds(call.ringSeconds)),
    cell('Talk', seconds(call.talkSeconds)));
}

function table(calls) {
  const headings = ['Call', 'Status', 'To', 'From', 'Disposition', 'Answered by', 'Created', 'Ring', 'Talk'];
  return h('table', {class: 'calls', id: 'calls-table'},
    h('caption', {class: 'visually-hidden', text: 'Calls, newest first'}),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, calls.map(callRow)));
}

export function mount(container, {query, api, router, setTitle}) {
  setTitle('Calls');
  const {form, fields, summary} = filterForm(query, router);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query[name]]));
  const filterKey = JSON.stringify(filters);
  const stack = earlierCursors.get(filterKey) || [];
  earlierCursors.set(filterKey, stack);
  // Arrived at the first page (no cursor): a fresh walk through the pages.
  if (!query.cursor) stack.length = 0;
  const results = h('div', {class: 'results', 'aria-live': 'polite', 'aria-busy': 'true'}, state('loading', 'Loading calls…'));
  const liveNote = h('p', {class: 'hint live', id: 'live-note', hidden: true});
  replace(container,
    h('div', {class: 'page-head'}, h('h1', {text: 'Calls'}), h('a', {href: '#/calls/new', class: 'button primary', text: 'Place a call'})),
    form, liveNote, results);

  let page = null;
  let drawn = '';
  const load = async () => {
    try {
      page = await api.get('/calls', {...filters, cursor: query.cursor});
      // Redrawn only when something changed, so a poll does not take the keyboard focus away.
      const signature = JSON.stringify(page);
      if (signature !== drawn) {
        drawn = signature;
        draw();
      }
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        showProblem(e, fields, summary);
        replace(results, state('error', 'The filters were not accepted; see the fields above.'));
        return false;
      }
      replace(results, state('error', `The call log could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => load(), text: 'Try again'})));
      return !(e instanceof ApiError && e.status === 403);
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };

  const draw = () => {
    const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'},
      query.cursor ? h('button', {type: 'button', id: 'page-newer', text: '← Newer', onclick: () => {
        const previous = stack.pop();
        router.go('/calls', {...filters, cursor: previous});
      }}) : null,
      page.nextCursor ? h('button', {type: 'button', id: 'page-older', text: 'Older →', onclick: () => {
        stack.push(query.cursor || '');
        router.go('/calls', {...filters, cursor: page.nextCursor});
      }}) : null);
    const live = isLive();
    liveNote.hidden = !live;
    liveNote.textContent = live ? 'Updating live: new calls and status changes show without reloading.' : '';
    if (page.calls.length === 0) {
      const filtered = FILTERS.some((name) => filters[name]);
      replace(results, state('empty', filtered ? 'No calls match these filters.' : 'No calls yet.',
        h('p', {}, h('a', {href: '#/calls/new', text: 'Place a call'}))), pager);
      return;
    }
    replace(results, h('div', {class: 'table-wrap'}, table(page.calls)), pager);
  };

  // The newest page shows new calls as they are placed; any page follows the calls it shows in flight.
  const isLive = () => page !== null && (!query.cursor || page.calls.some((call) => inFlight(call.status)));
  let stopPolling = () => {};
  load().then((ok) => {
    if (ok) stopPolling = poll(async () => (await load()) && isLive(), LIVE_MS);
  });
  return () => stopPolling();
}
