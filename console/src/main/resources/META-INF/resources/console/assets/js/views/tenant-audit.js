// The audit log (GET /tenant/audit, admin): who changed what in the tenant's configuration,
// newest first, paged by cursor; each change as field: before → after.

import {h, replace, state} from '../dom.js';
import {timeElement} from '../format.js';
import {cell, cursorPager, tenantHead} from '../tenant-kit.js';

function changes(entry) {
  return h('ul', {class: 'changes'}, entry.changes.map((change) => h('li', {},
    h('span', {class: 'mono', text: change.field}), ': ',
    h('span', {class: 'before', text: change.before ?? '(unset)'}), ' → ',
    h('span', {class: 'after', text: change.after ?? '(unset)'}))));
}

function table(items) {
  const headings = ['When', 'Who', 'What', 'Subject', 'Changes'];
  return h('table', {class: 'admin', id: 'audit-table'},
    h('caption', {class: 'visually-hidden', text: 'Audit log, newest first'}),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, items.map((entry) => h('tr', {},
      cell('When', timeElement(entry.at)),
      cell('Who', entry.actor),
      cell('What', entry.action),
      cell('Subject', h('span', {class: 'mono', text: entry.subject})),
      cell('Changes', changes(entry))))));
}

const PAGE = 20;

export function mount(container, {api, query, setTitle}) {
  setTitle('Audit log');
  const list = h('div', {'aria-busy': 'true', 'aria-live': 'polite', id: 'audit'}, state('loading', 'Loading the audit log…'));
  replace(container, tenantHead('/tenant/audit', 'Audit log'),
    h('p', {class: 'hint', text: 'Every change to the tenant’s settings and numbers, newest first.'}), list);
  const pager = cursorPager(
    // ?limit= in the address asks for other page sizes (1 to 100).
    (cursor) => api.get('/tenant/audit', {cursor, limit: query.limit || PAGE}),
    (page, nav) => {
      list.setAttribute('aria-busy', 'false');
      replace(list, page.items.length === 0 ? state('empty', 'No changes recorded yet.') : h('div', {class: 'table-wrap'}, table(page.items)), nav);
    },
    (e) => {
      list.setAttribute('aria-busy', 'false');
      replace(list, state('error', `The audit log could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => pager.again(), text: 'Try again'})));
    });
  pager.first();
}
