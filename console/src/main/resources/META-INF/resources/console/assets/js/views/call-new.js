// Place a call: every field of POST /calls, each field error of the problem answer shown beside
// its field; once accepted, the call's own page opens and follows it.

import {ApiError} from '../api.js';
import {h, replace} from '../dom.js';
import {field, showFieldError, showProblem} from '../forms.js';
import {callAmdFields} from './call-amd.js';
import {callPromptField} from './call-prompt.js';
import {callRetryFields} from './call-retry.js';
import {rememberPlaced} from './placed-calls.js';

function input(name, attrs = {}) {
  return h('input', {type: 'text', name, id: `call-${name}`, autocomplete: 'off', spellcheck: 'false', ...attrs});
}

function variableRow(rows, index) {
  const name = field('Name', input(`variable-name-${index}`, {class: 'variable-name'}));
  const value = field('Value', input(`variable-value-${index}`, {class: 'variable-value'}));
  const row = h('div', {class: 'variable'}, name, value,
    h('button', {type: 'button', class: 'remove-variable', 'aria-label': `Remove variable ${index + 1}`, text: 'Remove',
      onclick: () => {
        row.remove();
        rows.delete(row);
      }}));
  row.nameField = name;
  row.valueField = value;
  rows.add(row);
  return row;
}

export function mount(container, {api, router, session, setTitle}) {
  setTitle('Place a call');
  const fields = {
    to: field('To (required)', input('to', {inputmode: 'tel', required: true, 'aria-required': 'true', placeholder: '+14045550125'}),
      'E.164, or a national number in the tenant\'s region. The simulator answers by the last digit: 1 answers, 2 busy, 3 rings, 5 answers then hangs up.'),
    from: field('From', input('from', {inputmode: 'tel'}), 'One of the tenant\'s caller-ID numbers; empty: the least recently used.'),
    context: field('Dialplan context', input('context'), 'Empty: the tenant\'s default.'),
    transferNumber: field('Transfer number', input('transferNumber', {inputmode: 'tel'}), 'Where the IVR transfers to; empty: one of the tenant\'s, by weight.'),
    ringTimeoutSeconds: field('Ring timeout (seconds)', h('input', {type: 'number', name: 'ringTimeoutSeconds', id: 'call-ringTimeoutSeconds',
      min: '5', max: '300', step: '1', placeholder: '30'}), '5 to 300; empty: the tenant\'s default.'),
    record: field('Recording', h('select', {name: 'record', id: 'call-record'},
      h('option', {value: '', text: 'The tenant\u2019s setting'}),
      h('option', {value: 'true', text: 'Record this call'}),
      h('option', {value: 'false', text: 'Do not record this call'})), 'Recorded calls show their recording on their page once stored.'),
    prompt: callPromptField(api, session),
    notBefore: field('Not before', h('input', {type: 'datetime-local', name: 'notBefore', id: 'call-notBefore', step: '1'}),
      'Optional, in this browser\u2019s time zone: the call waits SCHEDULED until then (at most 30 days ahead); empty or past: dial now.'),
    idempotencyKey: field('Idempotency key', input('idempotencyKey'), 'Optional: a retry with the same key answers the same call.'),
  };
  const amd = callAmdFields();
  const retry = callRetryFields();
  const rows = new Set();
  const variableList = h('div', {id: 'variables'});
  const variablesError = h('p', {class: 'field-error', id: 'variables-error', hidden: true});
  const variables = h('fieldset', {'aria-describedby': 'variables-error'},
    h('legend', {text: 'Variables'}),
    h('p', {class: 'hint', text: 'Channel variables for the dialplan: names of letters, digits and _, at most 32.'}),
    variableList, variablesError,
    h('button', {type: 'button', id: 'add-variable', text: 'Add a variable', onclick: () => {
      const row = variableRow(rows, rows.size);
      variableList.append(row);
      row.nameField.control.focus();
    }}));
  const variablesNode = {control: variables, error: variablesError};
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', id: 'form-problem', hidden: true});
  const submit = h('button', {type: 'submit', class: 'primary', id: 'place-call', text: 'Place the call'});
  const form = h('form', {class: 'form', novalidate: true, 'aria-labelledby': 'new-call-title'},
    fields.to, fields.from, fields.context, fields.transferNumber, fields.ringTimeoutSeconds, fields.record, fields.prompt, fields.notBefore, variables, amd.node, retry.node,
    fields.idempotencyKey, summary, h('div', {class: 'actions'}, submit));

  // Where each field the API names is shown: variables.NAME beside that variable's row.
  const placement = {
    ...fields,
    ...amd.fields,
    ...retry.fields,
    variables: variablesNode,
    'Idempotency-Key': fields.idempotencyKey,
    lookup(name) {
      if (name.startsWith('retry.on')) return retry.fields['retry.on'];
      if (name.startsWith('variables.')) {
        const row = [...rows].find((r) => r.nameField.control.value.trim() === name.slice('variables.'.length));
        return row ? row.valueField : variablesNode;
      }
      return this[name] && name !== 'lookup' ? this[name] : null;
    },
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    summary.hidden = true;
    [...Object.values(fields), ...Object.values(amd.fields), ...Object.values(retry.fields), variablesNode, ...[...rows].map((r) => r.valueField)].forEach((node) => showFieldError(node, null));
    const body = {to: fields.to.control.value.trim()};
    for (const name of ['from', 'context', 'transferNumber', 'prompt']) {
      const value = fields[name].control.value.trim();
      if (value) body[name] = value;
    }
    const ring = fields.ringTimeoutSeconds.control.value.trim();
    if (ring) body.ringTimeoutSeconds = Number(ring);
    if (fields.record.control.value) body.record = fields.record.control.value === 'true';
    const notBefore = fields.notBefore.control.value;
    // The browser's local time, sent as an instant with its offset (UTC), as the API asks.
    if (notBefore) body.notBefore = Number.isNaN(new Date(notBefore).getTime()) ? notBefore : new Date(notBefore).toISOString();
    const named = [...rows].filter((row) => row.nameField.control.value.trim() || row.valueField.control.value);
    if (named.length) {
      body.variables = Object.fromEntries(named.map((row) => [row.nameField.control.value.trim(), row.valueField.control.value]));
    }
    amd.read(body);
    retry.read(body);
    const key = fields.idempotencyKey.control.value.trim();
    submit.disabled = true;
    submit.textContent = 'Placing…';
    try {
      const accepted = await api.post('/calls', body, key ? {'Idempotency-Key': key} : {});
      rememberPlaced(accepted);
      router.go(`/calls/${encodeURIComponent(accepted.callId)}`);
    } catch (e) {
      if (e instanceof ApiError) {
        showProblem(e, placement, summary);
      } else {
        replace(summary, h('p', {text: `The call could not be placed: ${e.message}`}));
        summary.hidden = false;
        summary.focus();
      }
    } finally {
      submit.disabled = false;
      submit.textContent = 'Place the call';
    }
  });

  replace(container, h('h1', {id: 'new-call-title', text: 'Place a call'}), form);
  fields.to.control.focus();
}
