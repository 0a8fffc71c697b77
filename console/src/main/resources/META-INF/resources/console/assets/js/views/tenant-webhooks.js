// The tenant's webhook endpoints: listed (GET /tenant/webhooks) and registered (POST), the new
// endpoint's signing secret shown this once.

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {showProblem} from '../forms.js';
import {text, timeElement} from '../format.js';
import {busy, cell, tenantHead, yesNo} from '../tenant-kit.js';
import {showSecret, webhookFields} from '../webhook-forms.js';

function health(webhook) {
  if (webhook.disabledReason) return `Turned off: ${webhook.disabledReason}`;
  if (webhook.failingSince) return ['Failing since ', timeElement(webhook.failingSince)];
  return webhook.active ? 'Delivering' : 'Off';
}

function table(webhooks) {
  const headings = ['Endpoint', 'Event types', 'Active', 'Health', 'Created'];
  return h('table', {class: 'admin', id: 'webhooks-table'},
    h('caption', {class: 'visually-hidden', text: 'Webhook endpoints'}),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, webhooks.map((webhook) => h('tr', {dataset: {webhookId: webhook.webhookId}},
      cell('Endpoint', h('a', {href: `#/tenant/webhooks/${encodeURIComponent(webhook.webhookId)}`, class: 'mono', text: webhook.url})),
      cell('Event types', webhook.eventTypes.join(', ')),
      cell('Active', yesNo(webhook.active)),
      cell('Health', health(webhook)),
      cell('Created', timeElement(webhook.createdAt))))));
}

export function mount(container, {api, setTitle}) {
  setTitle('Webhooks');
  const secretHolder = h('div', {});
  const list = h('div', {'aria-busy': 'true', id: 'webhooks-list'}, state('loading', 'Loading webhooks…'));
  const {fields, read} = webhookFields(null, 'webhook-new-url');
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
  const submit = h('button', {type: 'submit', class: 'primary', id: 'webhook-create', text: 'Register endpoint'});
  const form = h('form', {class: 'form', 'aria-labelledby': 'webhook-new-title', novalidate: true},
    h('h2', {id: 'webhook-new-title', text: 'Register an endpoint'}),
    fields.url, fields.eventTypes, fields.active, h('div', {class: 'actions'}, submit), summary);

  const load = async () => {
    try {
      const {webhooks} = await api.get('/tenant/webhooks');
      replace(list, webhooks.length === 0 ? state('empty', 'No webhook endpoints yet. Register one above.')
        : h('div', {class: 'table-wrap'}, table(webhooks)));
    } catch (e) {
      replace(list, state('error', `The webhooks could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => load(), text: 'Try again'})));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    summary.hidden = true;
    try {
      const created = await busy(submit, 'Registering…', () => api.post('/tenant/webhooks', read()));
      form.reset();
      fields.eventTypes.control.dispatchEvent(new Event('change'));
      showSecret(secretHolder, created.secret, `${created.url} is registered (${created.webhookId}).`);
      load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) showProblem(e, fields, summary);
      else {
        replace(summary, h('p', {text: `The endpoint could not be registered: ${text(e.message)}`}));
        summary.hidden = false;
        summary.focus();
      }
    }
  });

  replace(container, tenantHead('/tenant/webhooks', 'Webhooks'),
    h('p', {class: 'hint', text: 'Each status change of your calls that an endpoint asks for is POSTed to it, signed (Standard Webhooks).'}),
    secretHolder, form, h('h2', {text: 'Endpoints'}), list);
  load();
}
