// The tenant's numbers, DIDs (caller IDs) or transfer numbers: listed with what the API says of
// them, added, edited in place (a JSON Merge Patch), deactivated (DELETE keeps them listed,
// inactive, so their id is never reused) and activated again.

import {ApiError} from './api.js';
import {h, replace, state} from './dom.js';
import {field, showProblem} from './forms.js';
import {timeElement} from './format.js';
import {busy, cell, confirmButton, notice, tenantHead, yesNo} from './tenant-kit.js';

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * The parts of a kind's form beyond the number itself.
 * @param idPrefix the controls' ids start with it (the add form's, which tests find); null for generated ones
 */
function extraInputs(kind, number, idPrefix) {
  const id = (name) => (idPrefix ? `${idPrefix}-${name}` : null);
  const label = field('Label', h('input', {type: 'text', name: 'label', id: id('label'), maxlength: '64', autocomplete: 'off',
    value: number?.label ?? ''}), 'Your own name for it; optional');
  if (kind.path === '/tenant/dids') {
    return {label, callerName: field('Caller name', h('input', {type: 'text', name: 'callerName', id: id('callerName'), maxlength: '40',
      autocomplete: 'off', value: number?.callerName ?? ''}), 'Presented with the number: letters, digits, space . , \' & -; optional')};
  }
  return {label, weight: field('Weight', h('input', {type: 'number', name: 'weight', id: id('weight'), min: '1', max: '1000',
    inputmode: 'numeric', value: String(number?.weight ?? 1)}), 'Its share of transfers among the active ones, 1 to 1,000')};
}

/** What the extra inputs say, as the API takes it; emptied optional text is null (removed) when editing. */
function readExtras(extras, editing) {
  const body = {};
  for (const [name, node] of Object.entries(extras)) {
    const raw = node.control.value.trim();
    if (name === 'weight') body.weight = /^\d+$/.test(raw) ? Number(raw) : raw;
    else if (raw) body[name] = raw;
    else if (editing) body[name] = null;
  }
  return body;
}

function problemBox() {
  return h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
}

function failed(summary, what, e) {
  replace(summary, h('p', {text: `${what}: ${e.message}`}));
  summary.hidden = false;
  summary.focus();
}

function addForm(kind, api, onAdded) {
  const number = field('Number', h('input', {type: 'tel', name: 'number', id: `${kind.idPrefix}-new-number`, autocomplete: 'off',
    placeholder: '+14045550123'}), 'E.164, or national in the tenant’s default region');
  const extras = extraInputs(kind, null, `${kind.idPrefix}-new`);
  const fields = {number, ...extras};
  const summary = problemBox();
  const submit = h('button', {type: 'submit', class: 'primary', id: `${kind.idPrefix}-add`, text: `Add ${kind.one}`});
  const form = h('form', {class: 'form', 'aria-labelledby': `${kind.idPrefix}-add-title`, novalidate: true},
    h('h2', {id: `${kind.idPrefix}-add-title`, text: `Add ${kind.one}`}),
    h('div', {class: 'filter-grid'}, Object.values(fields)), h('div', {class: 'actions'}, submit), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    summary.hidden = true;
    Object.values(fields).forEach((node) => node.error.hidden = true);
    try {
      const added = await busy(submit, 'Adding…', () => api.post(kind.path, {number: number.control.value.trim(), ...readExtras(extras, false)}));
      form.reset();
      onAdded(added);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) showProblem(e, fields, summary);
      else failed(summary, `The ${kind.one} could not be added`, e);
    }
  });
  return form;
}

function editForm(kind, api, item, onSaved, onCancel) {
  const extras = extraInputs(kind, item, null);
  const active = h('input', {type: 'checkbox', name: 'active', checked: item.active});
  const activeField = h('div', {class: 'field check'}, h('label', {}, active, ' Active: chosen for calls'));
  activeField.control = active;
  activeField.error = h('p', {class: 'field-error', hidden: true});
  activeField.append(activeField.error);
  const fields = {...extras, active: activeField};
  const summary = problemBox();
  const save = h('button', {type: 'submit', class: 'primary', text: 'Save'});
  const form = h('form', {class: 'form inline-edit', 'aria-label': `Edit ${item.number}`, novalidate: true},
    Object.values(fields), h('div', {class: 'actions'}, save, h('button', {type: 'button', text: 'Cancel', onclick: onCancel})), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const body = {...readExtras(extras, true), active: active.checked};
      const saved = await busy(save, 'Saving…', () => api.send('PATCH', `${kind.path}/${encodeURIComponent(kind.id(item))}`,
        {body, headers: {'Content-Type': MERGE_PATCH}}));
      onSaved(saved.body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) showProblem(e, fields, summary);
      else failed(summary, 'Not saved', e);
    }
  });
  return form;
}

function row(kind, api, item, reload, say) {
  const tr = h('tr', {dataset: {numberId: kind.id(item)}, class: item.active ? null : 'inactive'});
  const edit = h('button', {type: 'button', class: 'edit', text: 'Edit', 'aria-label': `Edit ${item.number}`});
  const actions = cell('Actions', h('div', {class: 'actions'}, edit,
    item.active ? confirmButton('Deactivate', `Stop using ${item.number}?`, 'Deactivate', async () => {
      try {
        await api.send('DELETE', `${kind.path}/${encodeURIComponent(kind.id(item))}`);
        say(`${item.number} is inactive.`);
        reload();
      } catch (e) {
        say(`${item.number} could not be deactivated: ${e.message}`);
      }
    }, {'aria-label': `Deactivate ${item.number}`}) : null));
  const cells = [cell('Number', h('span', {class: 'mono', text: item.number})), cell('Label', item.label ?? '—'),
    ...kind.columns.map((column) => cell(column.heading, column.value(item))), cell('Active', yesNo(item.active)), actions];
  edit.addEventListener('click', () => {
    const editor = editForm(kind, api, item, async () => {
      say(`${item.number} saved.`);
      await reload();
      // The list is drawn anew: the keyboard goes back to the row's Edit button.
      document.querySelector(`tr[data-number-id="${CSS.escape(kind.id(item))}"] button.edit`)?.focus();
    }, () => {
      replace(tr, cells);
      edit.focus();
    });
    replace(tr, h('td', {colspan: String(cells.length), class: 'editing'}, h('p', {class: 'mono', text: item.number}), editor));
    editor.querySelector('input')?.focus();
  });
  return replace(tr, cells);
}

export function numbersPage(kind) {
  return function mount(container, {api, setTitle}) {
    setTitle(kind.title);
    const say = notice();
    const list = h('div', {'aria-busy': 'true', id: `${kind.idPrefix}-list`}, state('loading', `Loading ${kind.many}…`));
    const load = async () => {
      try {
        const {items} = await api.get(kind.path);
        if (items.length === 0) {
          replace(list, state('empty', `No ${kind.many} yet. Add one above.`));
          return;
        }
        const headings = ['Number', 'Label', ...kind.columns.map((c) => c.heading), 'Active', 'Actions'];
        replace(list, h('div', {class: 'table-wrap'}, h('table', {class: 'admin', id: `${kind.idPrefix}-table`},
          h('caption', {class: 'visually-hidden', text: kind.title}),
          h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name})))),
          h('tbody', {}, (kind.prepare ? kind.prepare(items) : items).map((item) => row(kind, api, item, load, say.say))))));
      } catch (e) {
        replace(list, state('error', `The ${kind.many} could not be read: ${e.message}`,
          h('button', {type: 'button', onclick: () => load(), text: 'Try again'})));
      } finally {
        list.setAttribute('aria-busy', 'false');
      }
    };
    replace(container, tenantHead(kind.path, kind.title), h('p', {class: 'hint', text: kind.about}),
      addForm(kind, api, (added) => {
        say.say(`${added.number} added.`);
        load();
      }), say, h('h2', {text: `All ${kind.many}`}), list);
    load();
  };
}

export const DIDS = {
  path: '/tenant/dids', idPrefix: 'did', one: 'a caller ID', many: 'caller IDs', title: 'Caller IDs',
  about: 'The numbers your calls present. A call that names none takes one of the active ones, as the caller-ID choice in Settings says.',
  id: (item) => item.didId,
  columns: [
    {heading: 'Caller name', value: (item) => item.callerName ?? '—'},
    {heading: 'Calls placed', value: (item) => String(item.useCount)},
    {heading: 'Last used', value: (item) => timeElement(item.lastUsedAt)},
  ],
};

export const TRANSFERS = {
  path: '/tenant/transfer-numbers', idPrefix: 'transfer', one: 'a transfer number', many: 'transfer numbers', title: 'Transfer numbers',
  about: 'Where calls are transferred. A call that names none takes an active one at random, in proportion to the weights.',
  id: (item) => item.transferNumberId,
  columns: [
    {heading: 'Weight', value: (item) => String(item.weight)},
    {heading: 'Share of transfers', value: (item) => item.share},
  ],
  /** Each number's share of transfers: its weight over the active ones' total. */
  prepare: (items) => {
    const total = items.filter((item) => item.active).reduce((sum, item) => sum + item.weight, 0);
    return items.map((item) => ({...item, share: item.active && total ? `${Math.round((item.weight / total) * 100)} %` : '—'}));
  },
};
