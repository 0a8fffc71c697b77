// The tenant's prompts (admin): listed with their state, uploaded, followed until converted, deleted.
// The WAV never passes through the API: POST /tenant/prompts answers a presigned PUT URL and the
// browser PUTs the file straight to S3 (the bucket's CORS rule allows the console's origin; the
// CSP's connect-src names the bucket). The API serves no prompt's audio back, so there is no player:
// a ready prompt is heard by placing a call with it.

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {field, showFieldError, showProblem} from '../forms.js';
import {millis, size, text, timeElement} from '../format.js';
import {poll} from '../poller.js';
import {busy, cell, confirmButton, notice, tenantHead} from '../tenant-kit.js';
import {uploadPrompt} from '../prompt-upload.js';

const FOLLOW_MS = 1000;

function stateCell(prompt) {
  const badge = h('span', {class: `badge prompt-${prompt.state}`, text: prompt.state});
  if (prompt.state !== 'rejected') return cell('State', badge);
  return cell('State', badge, ' ', h('span', {class: 'prompt-reason', text: prompt.reason}),
    prompt.detail ? h('p', {class: 'hint prompt-detail', text: prompt.detail}) : null);
}

function table(prompts, onDelete) {
  const headings = ['Name', 'State', 'Duration', 'Size', 'Updated', 'Actions'];
  return h('table', {class: 'admin', id: 'prompts-table'},
    h('caption', {class: 'visually-hidden', text: 'Prompts'}),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, prompts.map((prompt) => h('tr', {dataset: {prompt: prompt.name, state: prompt.state}},
      cell('Name', h('span', {class: 'mono', text: prompt.name})),
      stateCell(prompt),
      cell('Duration', millis(prompt.durationMillis)),
      cell('Size', size(prompt.bytes)),
      cell('Updated', timeElement(prompt.updatedAt)),
      cell('Actions', confirmButton('Delete', `Delete ${prompt.name} and its files?`, 'Delete',
        () => onDelete(prompt.name), {class: 'danger prompt-delete', 'aria-label': `Delete ${prompt.name}`}))))));
}

/** What the page says once a followed upload is converted, or refused. */
function outcome(prompt) {
  if (prompt.state === 'ready') return `${prompt.name} is ready (${millis(prompt.durationMillis)}): calls can play it.`;
  return `${prompt.name} was rejected (${prompt.reason}): ${text(prompt.detail)}`;
}

export function mount(container, {api, setTitle}) {
  setTitle('Prompts');
  const said = notice();
  said.id = 'prompt-notice';
  const list = h('div', {'aria-busy': 'true', id: 'prompts-list'}, state('loading', 'Loading prompts…'));
  const fields = {
    name: field('Name', h('input', {type: 'text', id: 'prompt-name', autocomplete: 'off', spellcheck: 'false', maxlength: '63'}),
      'Lower-case letters, digits, - and _, starting with a letter or digit; calls name the prompt by it.'),
    bytes: field('WAV file', h('input', {type: 'file', id: 'prompt-file', accept: '.wav,audio/wav,audio/x-wav'}),
      'A PCM, µ-law or A-law WAV, up to 10 MB and 5 minutes; it is converted to 8 kHz mono for Asterisk.'),
  };
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', id: 'prompt-problem', hidden: true});
  const submit = h('button', {type: 'submit', class: 'primary', id: 'prompt-upload', text: 'Upload'});
  const form = h('form', {class: 'form', 'aria-labelledby': 'prompt-new-title', novalidate: true},
    h('h2', {id: 'prompt-new-title', text: 'Upload a prompt'}), fields.name, fields.bytes,
    h('div', {class: 'actions'}, submit), summary);
  const stops = new Set();

  const problem = (message) => {
    replace(summary, h('p', {text: message}));
    summary.hidden = false;
    summary.focus();
  };

  const remove = async (name) => {
    try {
      await api.send('DELETE', `/tenant/prompts/${encodeURIComponent(name)}`);
      said.say(`${name} is deleted; the bridges remove it from Asterisk within seconds.`);
    } catch (e) {
      said.say(`${name} could not be deleted: ${e.message}`);
    }
    await load();
  };

  const load = async () => {
    try {
      const {items} = await api.get('/tenant/prompts');
      items.sort((a, b) => a.name.localeCompare(b.name));
      replace(list, items.length === 0 ? state('empty', 'No prompts yet. Upload a WAV above.')
        : h('div', {class: 'table-wrap'}, table(items, remove)));
      return items;
    } catch (e) {
      replace(list, state('error', `The prompts could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => load(), text: 'Try again'})));
      return [];
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };

  // Until the conversion decides: the list is read again each second and the outcome said once.
  const follow = (name) => {
    const stop = poll(async () => {
      const prompt = (await load()).find((p) => p.name === name);
      if (!prompt) return false;
      if (prompt.state === 'uploading') return true;
      said.say(outcome(prompt));
      return false;
    }, FOLLOW_MS);
    stops.add(stop);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    summary.hidden = true;
    Object.values(fields).forEach((node) => showFieldError(node, null));
    const name = fields.name.control.value.trim();
    const file = fields.bytes.control.files[0];
    if (!file) {
      showFieldError(fields.bytes, 'Choose the WAV file to upload.');
      fields.bytes.control.focus();
      return;
    }
    try {
      await busy(submit, 'Uploading…', () => uploadPrompt(api, name, file));
      said.say(`${name} is uploaded and being converted…`);
      form.reset();
      await load();
      follow(name);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) showProblem(e, fields, summary);
      else problem(`The prompt could not be uploaded: ${e.message}`);
    }
  });

  replace(container, tenantHead('/tenant/prompts', 'Prompts'),
    h('p', {class: 'hint', text: 'Sounds of your own that calls play (a call’s prompt) or leave on a machine '
      + '(voicemail message outcall/<tenant>/<name>). The API keeps no copy to play back here: place a call with a ready prompt to hear it.'}),
    form, said, h('h2', {text: 'Prompts'}), list);
  load();
  return () => stops.forEach((stop) => stop());
}
