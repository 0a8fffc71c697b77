// One webhook endpoint: its settings (PATCH url, event types, active), a new signing secret
// (rotate: shown once; the old one keeps signing for 24 hours), delete, and its deliveries paged
// by cursor, each ended one with "Retry".

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {showProblem} from '../forms.js';
import {text, timeElement} from '../format.js';
import {busy, cell, confirmButton, cursorPager, notice, tenantHead} from '../tenant-kit.js';
import {showSecret, webhookFields} from '../webhook-forms.js';

const ENDED = new Set(['DELIVERED', 'FAILED', 'SUPERSEDED', 'CANCELED']);

function attemptsText(delivery) {
  if (delivery.attempts.length === 0) return 'none yet';
  const last = delivery.attempts[delivery.attempts.length - 1];
  const outcome = last.statusCode ? `HTTP ${last.statusCode}` : text(last.error);
  return `${delivery.attempts.length}; last ${outcome} in ${last.latencyMs} ms`;
}

function deliveriesTable(deliveries, retry) {
  const headings = ['Event', 'Call', 'State', 'Attempts', 'Next attempt', ''];
  return h('table', {class: 'admin', id: 'deliveries-table'},
    h('caption', {class: 'visually-hidden', text: 'Deliveries, newest call first'}),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name || 'Actions'})))),
    h('tbody', {}, deliveries.map((delivery) => h('tr', {dataset: {deliveryId: delivery.deliveryId, state: delivery.state}},
      cell('Event', text(delivery.type)),
      cell('Call', h('a', {href: `#/calls/${encodeURIComponent(delivery.callId)}`, class: 'mono', text: delivery.callId})),
      cell('State', h('span', {class: 'badge', text: delivery.state}), delivery.reason ? h('span', {class: 'hint', text: ` ${delivery.reason}`}) : null),
      cell('Attempts', attemptsText(delivery)),
      cell('Next attempt', timeElement(delivery.nextAttemptAt)),
      cell('Actions', ENDED.has(delivery.state) ? h('button', {type: 'button', class: 'retry', text: 'Retry',
        'aria-label': `Retry ${delivery.deliveryId}`, onclick: (event) => retry(delivery, event.currentTarget)}) : '—')))));
}

export function mount(container, {params, api, router, setTitle}) {
  const id = params.webhookId;
  const path = `/tenant/webhooks/${encodeURIComponent(id)}`;
  setTitle('Webhook');
  const say = notice();
  say.id = 'webhook-notice';
  const secretHolder = h('div', {});
  const settings = h('div', {'aria-busy': 'true'}, state('loading', 'Loading the endpoint…'));
  const deliveries = h('div', {'aria-busy': 'true', id: 'deliveries'}, state('loading', 'Loading deliveries…'));
  replace(container, tenantHead('/tenant/webhooks', 'Webhook endpoint'),
    h('p', {}, h('a', {href: '#/tenant/webhooks', text: '← All webhooks'})),
    say, secretHolder, settings,
    h('div', {class: 'page-head'}, h('h2', {text: 'Deliveries'}),
      h('button', {type: 'button', id: 'deliveries-refresh', text: 'Refresh', onclick: () => pager.again()})),
    deliveries);

  const drawSettings = (webhook) => {
    const {fields, read} = webhookFields(webhook);
    const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
    const save = h('button', {type: 'submit', class: 'primary', id: 'webhook-save', text: 'Save'});
    const form = h('form', {class: 'form', 'aria-label': 'Endpoint settings', novalidate: true},
      h('p', {}, h('span', {class: 'hint', text: 'Id '}), h('span', {class: 'mono', text: webhook.webhookId}), h('span', {class: 'hint', text: ', created '}),
        timeElement(webhook.createdAt)),
      webhook.disabledReason ? state('error', `The platform turned it off: ${webhook.disabledReason}. Turn it on again to forget past failures.`) : null,
      webhook.failingSince && !webhook.disabledReason ? state('notice', `Failing since ${new Date(webhook.failingSince).toLocaleString()}.`) : null,
      fields.url, fields.eventTypes, fields.active, h('div', {class: 'actions'}, save), summary);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      summary.hidden = true;
      try {
        const saved = await busy(save, 'Saving…', () => api.send('PATCH', path, {body: read()}));
        drawSettings(saved.body);
        say.say('Saved.');
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) showProblem(e, fields, summary);
        else {
          replace(summary, h('p', {text: `Not saved: ${e.message}`}));
          summary.hidden = false;
          summary.focus();
        }
      }
    });
    const rotate = h('button', {type: 'button', id: 'webhook-rotate', text: 'Rotate signing secret'});
    rotate.addEventListener('click', async () => {
      try {
        const rotated = await busy(rotate, 'Rotating…', () => api.post(`${path}/rotate-secret`));
        showSecret(secretHolder, rotated.secret, 'A new secret signs from now on; for 24 hours the old one signs too.');
      } catch (e) {
        say.say(`The secret could not be rotated: ${e.message}`);
      }
    });
    const remove = confirmButton('Delete endpoint', 'Delete it? Deliveries still being retried end CANCELED.', 'Delete', async () => {
      try {
        await api.send('DELETE', path);
        router.go('/tenant/webhooks');
      } catch (e) {
        say.say(`The endpoint could not be deleted: ${e.message}`);
      }
    }, {id: 'webhook-delete'});
    replace(settings, form, h('div', {class: 'actions danger-zone'}, rotate, remove));
  };

  const pager = cursorPager(
    (cursor) => api.get(`${path}/deliveries`, {cursor, limit: 10}).then((page) => ({...page, items: page.deliveries})),
    (page, nav) => {
      deliveries.setAttribute('aria-busy', 'false');
      replace(deliveries, page.items.length === 0 ? state('empty', 'No deliveries yet: they appear once a call of an event type it wants changes status.')
        : h('div', {class: 'table-wrap'}, deliveriesTable(page.items, retry)), nav);
    },
    (e) => {
      deliveries.setAttribute('aria-busy', 'false');
      replace(deliveries, state('error', `The deliveries could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => pager.again(), text: 'Try again'})));
    });

  const retry = async (delivery, button) => {
    try {
      await busy(button, 'Retrying…', () => api.send('POST', `${path}/deliveries/${encodeURIComponent(delivery.deliveryId)}/retry`));
      say.say(`${delivery.deliveryId} is queued again.`);
      pager.again();
    } catch (e) {
      say.say(e instanceof ApiError && e.status === 409 ? `${delivery.deliveryId} is still being attempted; retry it once it has ended.`
        : `${delivery.deliveryId} could not be retried: ${e.message}`);
    }
  };

  (async () => {
    try {
      drawSettings(await api.get(path));
    } catch (e) {
      replace(settings, state('error', e instanceof ApiError && e.status === 404 ? 'This tenant has no such webhook.'
        : `The endpoint could not be read: ${e.message}`));
    } finally {
      settings.setAttribute('aria-busy', 'false');
    }
  })();
  pager.first();
}
