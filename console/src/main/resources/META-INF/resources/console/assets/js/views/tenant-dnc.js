// The tenant's do-not-call list (GET/PUT/DELETE /tenant/dnc/{number}, POST /tenant/dnc/import):
// listed numbers in number order, paged; one added with an optional reason; one removed after a
// confirmation; a CSV file imported, its report shown with every rejected line.

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {field, showProblem} from '../forms.js';
import {timeElement} from '../format.js';
import {busy, cell, confirmButton, cursorPager, notice, tenantHead} from '../tenant-kit.js';

const PAGE = 25;
const SOURCES = {api: 'Added here or by the API', import: 'CSV import', 'opt-out': 'The callee opted out'};

function numberPath(number) {
  return `/tenant/dnc/${encodeURIComponent(number)}`;
}

function addForm(api, onAdded) {
  const number = field('Number', h('input', {type: 'tel', name: 'number', id: 'dnc-number', autocomplete: 'off',
    placeholder: '+14045550123'}), 'E.164, or national in the tenant’s default region');
  const reason = field('Reason', h('input', {type: 'text', name: 'reason', id: 'dnc-reason', maxlength: '200', autocomplete: 'off'}),
    'Why; optional');
  const fields = {number, reason};
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
  const submit = h('button', {type: 'submit', class: 'primary', id: 'dnc-add', text: 'Add to the list'});
  const form = h('form', {class: 'form', 'aria-labelledby': 'dnc-add-title', novalidate: true},
    h('h2', {id: 'dnc-add-title', text: 'Add a number'}),
    h('div', {class: 'filter-grid'}, number, reason), h('div', {class: 'actions'}, submit), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    summary.hidden = true;
    Object.values(fields).forEach((node) => node.error.hidden = true);
    const raw = number.control.value.trim();
    if (!raw) {
      showProblem(new ApiError(400, {errors: [{field: 'number', message: 'is empty; give a number such as +14045550123'}]}), fields, summary);
      return;
    }
    const text = reason.control.value.trim();
    try {
      const answer = await busy(submit, 'Adding…', () => api.send('PUT', numberPath(raw), {body: text ? {reason: text} : {}}));
      form.reset();
      onAdded(answer.body, answer.status === 201);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        showProblem(e, fields, summary);
      } else {
        replace(summary, h('p', {text: `The number could not be added: ${e.message}`}));
        summary.hidden = false;
        summary.focus();
      }
    }
  });
  return form;
}

function table(api, items, reload, say) {
  const headings = ['Number', 'Reason', 'Added', 'By', 'How', 'Actions'];
  return h('div', {class: 'table-wrap'}, h('table', {class: 'admin', id: 'dnc-table'},
    h('caption', {class: 'visually-hidden', text: 'Numbers never to be called'}),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, items.map((item) => h('tr', {dataset: {number: item.number}},
      cell('Number', h('span', {class: 'mono', text: item.number})),
      cell('Reason', item.reason ?? '—'),
      cell('Added', item.addedAt ? timeElement(item.addedAt) : '—'),
      cell('By', item.addedBy ?? '—'),
      cell('How', SOURCES[item.source] ?? item.source ?? '—'),
      cell('Actions', confirmButton('Remove', `Call ${item.number} again?`, 'Remove', async () => {
        try {
          await api.send('DELETE', numberPath(item.number));
          say(`${item.number} removed from the list.`);
          reload();
        } catch (e) {
          say(`${item.number} could not be removed: ${e.message}`);
        }
      }, {'aria-label': `Remove ${item.number}`})))))));
}

function report(result) {
  const counts = h('p', {id: 'dnc-report-counts', text: `${result.lines} lines read: ${result.added} added, `
    + `${result.alreadyListed} already listed, ${result.rejectedCount} rejected.`});
  if (result.rejected.length === 0) return [counts];
  return [counts, h('div', {class: 'table-wrap'}, h('table', {class: 'admin', id: 'dnc-rejects'},
    h('caption', {text: result.rejectedTruncated ? `The first ${result.rejected.length} rejected lines` : 'Rejected lines'}),
    h('thead', {}, h('tr', {}, ['Line', 'Value', 'Why'].map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, result.rejected.map((reject) => h('tr', {dataset: {line: String(reject.line)}},
      cell('Line', String(reject.line)), cell('Value', h('span', {class: 'mono', text: reject.value})),
      cell('Why', reject.reason))))))];
}

function importForm(api, onImported) {
  const file = field('CSV file', h('input', {type: 'file', name: 'file', id: 'dnc-file', accept: '.csv,.txt,text/csv,text/plain'}),
    'One number a line, optionally a reason after a comma; up to 100,000 numbers');
  const submit = h('button', {type: 'submit', class: 'primary', id: 'dnc-import', text: 'Import'});
  const result = h('div', {id: 'dnc-report', 'aria-live': 'polite'});
  const form = h('form', {class: 'form', 'aria-labelledby': 'dnc-import-title', novalidate: true},
    h('h2', {id: 'dnc-import-title', text: 'Import a file'}), file, h('div', {class: 'actions'}, submit), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    file.error.hidden = true;
    const chosen = file.control.files[0];
    if (!chosen) {
      replace(result, state('error', 'Choose a CSV file first.'));
      return;
    }
    try {
      const text = await chosen.text();
      const answer = await busy(submit, 'Importing…', () => api.send('POST', '/tenant/dnc/import',
        {raw: text, headers: {'Content-Type': 'text/csv'}}));
      replace(result, ...report(answer.body));
      onImported();
    } catch (e) {
      replace(result, state('error', `The file was not imported: ${e.message}`));
    }
  });
  return form;
}

export function mount(container, {api, query, setTitle}) {
  setTitle('Do not call');
  const say = notice();
  const list = h('div', {'aria-busy': 'true', 'aria-live': 'polite', id: 'dnc-list'}, state('loading', 'Loading the list…'));
  const pager = cursorPager(
    (cursor) => api.get('/tenant/dnc', {cursor, limit: query.limit || PAGE}),
    (page, nav) => {
      list.setAttribute('aria-busy', 'false');
      replace(list, page.items.length === 0 ? state('empty', 'No numbers on the list.')
        : table(api, page.items, () => pager.again(), say.say), nav);
    },
    (e) => {
      list.setAttribute('aria-busy', 'false');
      replace(list, state('error', `The list could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => pager.again(), text: 'Try again'})));
    });
  replace(container, tenantHead('/tenant/dnc', 'Do not call'),
    h('p', {class: 'hint', text: 'Calls to these numbers are refused when placed, and not dialed if a number joins the '
      + 'list while its call waits. Numbers on the platform’s own list are refused too. A callee who presses 9 '
      + '(the sample dialplan) joins this list by themselves.'}),
    addForm(api, (entry, created) => {
      say.say(created ? `${entry.number} added to the list.` : `${entry.number} was on the list already.`);
      pager.first();
    }), importForm(api, () => pager.first()), say, h('h2', {text: 'Listed numbers'}), list);
  pager.first();
}
