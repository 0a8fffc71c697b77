// The webhook form (URL, event types, active) for creating and editing, and the signing secret
// the API shows once, after a create or a rotation.

import {h, replace} from './dom.js';
import {field} from './forms.js';
import {byListField} from './tenant-kit.js';

export const EVENT_TYPES = ['call.queued', 'call.dialing', 'call.ringing', 'call.answered', 'call.completed', 'call.busy',
  'call.no_answer', 'call.failed', 'call.canceled', 'call.human_detected', 'call.machine_detected', 'call.voicemail_left',
  'call.recording_ready', 'call.attempt_ended'];

let counter = 0;

/** The event types as checkboxes in a fieldset: "every type" (*) or some of them. */
function eventTypesField(chosen) {
  const n = ++counter;
  const every = h('input', {type: 'checkbox', id: `wh-types-${n}-all`, value: '*', checked: chosen.includes('*')});
  const boxes = EVENT_TYPES.map((type) => h('input', {type: 'checkbox', id: `wh-types-${n}-${type.replace('.', '-')}`, value: type,
    checked: chosen.includes(type) && !chosen.includes('*'), disabled: chosen.includes('*')}));
  every.addEventListener('change', () => boxes.forEach((box) => { box.disabled = every.checked; if (every.checked) box.checked = false; }));
  const error = h('p', {class: 'field-error', id: `wh-types-${n}-error`, hidden: true});
  const node = h('fieldset', {class: 'field event-types', 'aria-describedby': error.id},
    h('legend', {text: 'Event types'}),
    h('div', {class: 'check'}, every, h('label', {for: every.id, text: ' Every type (*), including ones added later'})),
    h('div', {class: 'check-grid'}, boxes.map((box) => h('div', {class: 'check'}, box, h('label', {for: box.id, text: ` ${box.value}`})))),
    error);
  node.control = every;
  node.error = error;
  node.value = () => (every.checked ? ['*'] : boxes.filter((box) => box.checked).map((box) => box.value));
  return node;
}

/**
 * The fields of a webhook and a function reading them as the API's WebhookRequest.
 * @param webhook the webhook being edited, or null for a new one
 * @param urlId the URL control's id; null for a generated one
 */
export function webhookFields(webhook, urlId = null) {
  const url = field('Endpoint URL', h('input', {type: 'url', name: 'url', id: urlId, autocomplete: 'off', spellcheck: 'false',
    value: webhook?.url ?? '', placeholder: 'https://example.com/hooks/outcall'}), 'https, on a public address; redirects are not followed');
  const types = eventTypesField(webhook?.eventTypes ?? ['*']);
  const activeBox = h('input', {type: 'checkbox', name: 'active', id: `wh-active-${++counter}`, checked: webhook ? webhook.active : true});
  const active = h('div', {class: 'field check'}, activeBox, h('label', {for: activeBox.id, text: ' Active: deliveries are sent'}));
  active.control = activeBox;
  active.error = h('p', {class: 'field-error', hidden: true});
  active.append(active.error);
  const fields = {url, eventTypes: types, active};
  byListField(fields);
  const read = () => ({url: url.control.value.trim(), eventTypes: types.value(), active: activeBox.checked});
  return {fields, read};
}

/** The signing secret, shown this once, with a way to copy it. */
export function secretPanel(secret, why) {
  const input = h('input', {type: 'text', readonly: true, id: 'webhook-secret', class: 'mono', value: secret, spellcheck: 'false'});
  const copied = h('span', {class: 'hint', role: 'status'});
  const copy = h('button', {type: 'button', id: 'webhook-secret-copy', text: 'Copy secret'});
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(secret);
      copied.textContent = 'Copied.';
    } catch (e) {
      copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  });
  const panel = h('section', {class: 'secret-panel', 'aria-labelledby': 'webhook-secret-title', tabindex: '-1', id: 'webhook-secret-panel'},
    h('h2', {id: 'webhook-secret-title', text: 'Signing secret: shown this once'}),
    h('p', {text: `${why} Copy it now and keep it where your receiver verifies signatures: the console cannot show it again (rotate the secret to get a new one).`}),
    h('div', {class: 'field'}, h('label', {for: input.id, text: 'Secret'}), input),
    h('div', {class: 'actions'}, copy, copied));
  return panel;
}

/** Puts the secret panel in {@code holder} and moves the focus to it, so it is read out. */
export function showSecret(holder, secret, why) {
  const panel = secretPanel(secret, why);
  replace(holder, panel);
  panel.focus();
}
