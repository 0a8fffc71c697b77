// The place-a-call form's retry override: the tenant's policy, or this call's own (which outcomes
// dial again, how many attempts in all, how long between them); a number left empty is the tenant's.
// The call's page shows its attempts with attemptsTable.

import {h} from '../dom.js';
import {field} from '../forms.js';
import {dateTime, statusBadge, text} from '../format.js';

export const RETRYABLE = [
  {value: 'BUSY', text: 'Busy'},
  {value: 'NO_ANSWER', text: 'No answer'},
  {value: 'CONGESTION', text: 'Congestion (network full)'},
];

function numberField(label, name, min, max, hint) {
  return field(label, h('input', {type: 'number', name, id: `call-${name.replace('.', '-')}`, min: String(min),
    max: String(max), step: '1', inputmode: 'numeric'}), hint);
}

/** {node, fields, read(body)}: fields keyed by the API's names; read adds `retry` when the call has its own. */
export function callRetryFields() {
  const mode = field('Policy', h('select', {name: 'retry', id: 'call-retry-mode'},
    h('option', {value: '', text: 'The tenant\u2019s policy'}),
    h('option', {value: 'own', text: 'This call\u2019s own policy'})),
    'An answered or canceled call is never dialed again; retries wait for the calling window.');
  const boxes = RETRYABLE.map((outcome) => h('input', {type: 'checkbox', id: `call-retry-on-${outcome.value}`,
    value: outcome.value, checked: true}));
  const onError = h('p', {class: 'field-error', id: 'call-retry-on-error', hidden: true});
  const on = h('fieldset', {class: 'field', id: 'call-retry-on', 'aria-describedby': onError.id},
    h('legend', {text: 'Dial again when an attempt ends'}),
    h('div', {class: 'check-grid'}, boxes.map((box, i) => h('div', {class: 'check'}, box,
      h('label', {for: box.id, text: ` ${RETRYABLE[i].text}`})))),
    onError);
  on.control = boxes[0];
  on.error = onError;
  const maxAttempts = numberField('Attempts in all', 'retry.maxAttempts', 1, 10, '1 (never again) to 10, the first included; empty: the tenant\u2019s (or 3).');
  const delay = numberField('Delay between attempts (seconds)', 'retry.delaySeconds', 60, 86400, '60 to 86,400; empty: the tenant\u2019s (or 300).');
  const own = h('div', {class: 'retry-own', id: 'call-retry-own'}, on, maxAttempts, delay);
  const showOwn = () => { own.hidden = mode.control.value !== 'own'; };
  mode.control.addEventListener('change', showOwn);
  showOwn();
  const node = h('fieldset', {class: 'amd', id: 'call-retry'}, h('legend', {text: 'Retries'}), mode, own);
  const fields = {retry: mode, 'retry.on': on, 'retry.maxAttempts': maxAttempts, 'retry.delaySeconds': delay};

  const read = (body) => {
    if (mode.control.value !== 'own') return;
    const retry = {on: boxes.filter((box) => box.checked).map((box) => box.value)};
    for (const [name, node] of [['maxAttempts', maxAttempts], ['delaySeconds', delay]]) {
      const raw = node.control.value.trim();
      if (raw) retry[name] = Number.isNaN(Number(raw)) ? raw : Number(raw);
    }
    body.retry = retry;
  };
  return {node, fields, read};
}

/** A retried call's attempts, oldest first: null for a call dialed once without a policy. */
export function attemptsPart(call) {
  if (!call.attempt && !(call.attempts || []).length) return null;
  const cell = (label, content) => h('td', {'data-label': label}, content);
  const policy = call.retry
    ? `Up to ${call.retry.maxAttempts} attempts, ${call.retry.delaySeconds} s apart, again on ${call.retry.on.join(', ') || 'nothing'}.`
    : 'No retry policy.';
  const waiting = call.status === 'SCHEDULED' && call.notBefore
    ? h('p', {id: 'call-next-attempt', text: `Attempt ${call.attempt} waits: dialed not before ${dateTime(call.notBefore)}.`}) : null;
  const attempts = call.attempts || [];
  return h('section', {'aria-labelledby': 'attempts-title'},
    h('h2', {id: 'attempts-title', text: `Attempts (${call.attempt ?? 1}${call.retry ? ` of ${call.retry.maxAttempts}` : ''})`}),
    h('p', {class: 'hint', id: 'call-retry-policy', text: policy}),
    waiting,
    attempts.length ? h('table', {class: 'events attempts', id: 'attempts-table'},
      h('thead', {}, h('tr', {}, ['Attempt', 'Status', 'Disposition', 'Cause', 'Dialed', 'Ended']
        .map((name) => h('th', {scope: 'col', text: name})))),
      h('tbody', {}, attempts.map((a) => h('tr', {},
        cell('Attempt', String(a.attempt)),
        cell('Status', statusBadge(a.status)),
        cell('Disposition', text(a.disposition)),
        cell('Cause', a.cause ? `${a.cause.code}${a.cause.text ? ` ${a.cause.text}` : ''}` : '—'),
        cell('Dialed', dateTime(a.dialedAt)),
        cell('Ended', dateTime(a.endedAt))))))
      : h('p', {class: 'hint', text: 'No attempt has ended yet.'}));
}
