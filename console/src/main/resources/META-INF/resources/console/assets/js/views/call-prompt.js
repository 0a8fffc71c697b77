// The prompt a call plays (POST /calls `prompt`). With the admin role, a picker of the tenant's
// ready prompts (GET /tenant/prompts is an admin route); without it, the name typed in, which the
// API checks (400 naming `prompt` when it is not a ready prompt of the tenant).

import {h, replace} from '../dom.js';
import {field} from '../forms.js';
import {millis} from '../format.js';

const HINT = 'A ready prompt of the tenant (Tenant → Prompts); the dialplan gets it as OUTCALL_PROMPT.';

export function callPromptField(api, session) {
  if (!session.has('admin')) {
    return field('Prompt', h('input', {type: 'text', name: 'prompt', id: 'call-prompt', autocomplete: 'off', spellcheck: 'false'}),
      `${HINT} Empty: none.`);
  }
  const none = h('option', {value: '', text: 'None'});
  const select = h('select', {name: 'prompt', id: 'call-prompt', 'aria-busy': 'true'}, none);
  const node = field('Prompt', select, HINT);
  api.get('/tenant/prompts').then(({items}) => {
    const ready = items.filter((p) => p.state === 'ready').sort((a, b) => a.name.localeCompare(b.name));
    replace(select, none, ready.map((p) => h('option', {value: p.name, text: `${p.name} (${millis(p.durationMillis)})`})));
    if (ready.length === 0) none.textContent = 'None (no ready prompts yet)';
  }).catch((e) => {
    none.textContent = `None (the prompts could not be read: ${e.message})`;
  }).finally(() => select.setAttribute('aria-busy', 'false'));
  return node;
}
