// What the tenant (admin) pages share: their sub-navigation, a pager over cursors, a confirmation
// asked in the page (no window.confirm), and a status line for what a button did.

import {h, replace} from './dom.js';

const SECTIONS = [
  {path: '/tenant', text: 'Settings'},
  {path: '/tenant/dids', text: 'Caller IDs'},
  {path: '/tenant/transfer-numbers', text: 'Transfer numbers'},
  {path: '/tenant/webhooks', text: 'Webhooks'},
  {path: '/tenant/prompts', text: 'Prompts'},
  {path: '/tenant/dnc', text: 'Do not call'},
  {path: '/tenant/audit', text: 'Audit log'},
];

/** The page's heading and the tenant sections, the current one marked. */
export function tenantHead(current, title) {
  return [
    h('nav', {class: 'subnav', 'aria-label': 'Tenant'}, h('ul', {}, SECTIONS.map((section) =>
      h('li', {}, h('a', {href: `#${section.path}`, 'aria-current': section.path === current ? 'page' : null, text: section.text}))))),
    h('h1', {text: title}),
  ];
}

/** A line that says what the last action did (role status: read out, not focused). */
export function notice() {
  const node = h('p', {class: 'notice-line', role: 'status'});
  node.say = (message) => { node.textContent = message || ''; };
  return node;
}

/**
 * Pages through a cursor-paged list: {@code load(cursor)} answers {items, nextCursor}; the
 * cursors of the pages before are kept here, so "Newer" walks back.
 */
export function cursorPager(load, draw, onError) {
  const earlier = [];
  let cursor = null;
  const show = async (next) => {
    try {
      const page = await load(next);
      cursor = next;
      draw(page, h('nav', {class: 'pager', 'aria-label': 'Pages'},
        earlier.length ? h('button', {type: 'button', class: 'page-newer', text: '← Newer', onclick: () => show(earlier.pop())}) : null,
        page.nextCursor ? h('button', {type: 'button', class: 'page-older', text: 'Older →', onclick: () => {
          earlier.push(cursor);
          show(page.nextCursor);
        }}) : null));
    } catch (e) {
      onError(e);
    }
  };
  return {first: () => { earlier.length = 0; return show(null); }, again: () => show(cursor)};
}

/**
 * A button that asks again in place before doing something that cannot be undone: the first
 * press shows "question [confirm] [Keep]"; confirm runs {@code action}.
 */
export function confirmButton(label, question, confirmLabel, action, attrs = {}) {
  const holder = h('span', {class: 'confirm'});
  const first = h('button', {type: 'button', class: 'danger', ...attrs, text: label});
  const ask = () => {
    const yes = h('button', {type: 'button', class: 'danger confirm-yes', text: confirmLabel});
    const no = h('button', {type: 'button', class: 'confirm-no', text: 'Keep'});
    no.addEventListener('click', () => { replace(holder, first); first.focus(); });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await action();
      } finally {
        yes.disabled = false;
      }
    });
    replace(holder, h('span', {class: 'confirm-question', text: question}), ' ', yes, ' ', no);
    yes.focus();
  };
  first.addEventListener('click', ask);
  return replace(holder, first);
}

export function yesNo(value) {
  return value ? 'Yes' : 'No';
}

/** A table cell labelled for the narrow layout, where each row becomes a card. */
export function cell(label, ...content) {
  return h('td', {'data-label': label}, ...content);
}

/** Disables {@code button} while {@code work} runs, saying {@code busyText} on it meanwhile. */
export async function busy(button, busyText, work) {
  const text = button.textContent;
  button.disabled = true;
  button.textContent = busyText;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = text;
  }
}

/**
 * Lets showProblem place a field error named with an index (allowedContexts[1]) beside its list's
 * field. Not enumerable: showProblem clears every enumerable member as a field.
 */
export function byListField(fields) {
  // allowedContexts[2] -> allowedContexts; callingWindow.hours.monday[0].from -> callingWindow.hours.monday
  return Object.defineProperty(fields, 'lookup', {value: (name) => fields[name.replace(/\[\d+\](\.[A-Za-z]+)?$/, '')], enumerable: false});
}
