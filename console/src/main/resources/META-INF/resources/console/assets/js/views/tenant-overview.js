// The tenant's settings (GET /tenant, admin): read with their ETag, edited, saved as a JSON Merge
// Patch of what changed with If-Match. A 412 means someone saved in between: nothing of ours was
// written, and the page says so plainly, lists what we tried, and offers to load the latest.

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {field, showProblem} from '../forms.js';
import {busy, byListField, notice, tenantHead} from '../tenant-kit.js';
import {text} from '../format.js';
import {callingWindowFields} from '../calling-window-fields.js';
import {AMD_MODES, AMD_PARAMETERS, boundsHint, numberInput, numberOrText, PROMPT_HINT, timingDisclosure, WAIT_FOR_SILENCE} from '../amd-fields.js';

const MERGE_PATCH = 'application/merge-patch+json';

/** Every editable setting: where it sits in the document, how the form reads and shows it. */
const SETTINGS = [
  {name: 'name', label: 'Name', input: () => h('input', {type: 'text', maxlength: '100', autocomplete: 'off'})},
  {name: 'defaultRegion', label: 'Default region', hint: 'ISO 3166, e.g. US or GB: national numbers are read in it',
    input: () => h('input', {type: 'text', maxlength: '2', autocomplete: 'off', spellcheck: 'false'}), read: (v) => v.toUpperCase()},
  {name: 'allowedContexts', label: 'Allowed dialplan contexts', hint: 'Separated by commas',
    input: () => h('input', {type: 'text', autocomplete: 'off', spellcheck: 'false'}),
    show: (v) => (v || []).join(', '), read: (v) => v.split(',').map((c) => c.trim()).filter(Boolean)},
  {name: 'defaultContext', label: 'Default context', hint: 'One of the allowed contexts; empty for none', optional: true,
    input: () => h('input', {type: 'text', autocomplete: 'off', spellcheck: 'false'})},
  {name: 'ringTimeoutSeconds', label: 'Ring timeout (seconds)', hint: '5 to 300; empty for the default', optional: true, number: true,
    input: () => h('input', {type: 'number', min: '5', max: '300', inputmode: 'numeric'})},
  {name: 'callerIdStrategy', label: 'Caller-ID choice', hint: 'For calls that name no caller-ID',
    input: () => h('select', {},
      h('option', {value: 'leastRecentlyUsed', text: 'Least recently used caller ID'}),
      h('option', {value: 'localPresence', text: 'Local presence: a caller ID in the callee’s area'}))},
  {name: 'limits.callsPerSecond', label: 'Calls per second', hint: '1 to 500; empty for the default', optional: true, number: true,
    input: () => h('input', {type: 'number', min: '1', max: '500', inputmode: 'numeric'})},
  {name: 'limits.concurrentCalls', label: 'Concurrent calls', hint: '1 to 10,000; empty for the default', optional: true, number: true,
    input: () => h('input', {type: 'number', min: '1', max: '10000', inputmode: 'numeric'})},
  {name: 'timelineRetentionDays', label: 'Keep call timelines (days)', hint: '1 to 3,650 for calls placed from now on; empty keeps them forever',
    optional: true, number: true, input: () => h('input', {type: 'number', min: '1', max: '3650', inputmode: 'numeric'})},
  {name: 'record', label: 'Record calls', boolean: true, hint: 'Every call, unless it says otherwise; the recordings show on the calls\u2019 pages',
    input: () => h('input', {type: 'checkbox'})},
  // Answering-machine detection: the tenant's calls take these unless a call says otherwise.
  {name: 'answeringMachineDetection', label: 'Answering-machine detection', group: 'amd', hint: 'For every call that does not choose its own',
    input: () => h('select', {}, AMD_MODES.map((m) => h('option', {value: m.value, text: m.text})))},
  {name: 'voicemailMessage.prompt', label: 'Message to leave on a machine', group: 'amd', optional: true,
    hint: `${PROMPT_HINT}; needed to leave messages`, input: () => h('input', {type: 'text', autocomplete: 'off', spellcheck: 'false'})},
  {name: 'voicemailMessage.waitForSilenceMs', label: 'Silence that ends the greeting (ms)', group: 'amd', optional: true, number: true,
    hint: boundsHint(WAIT_FOR_SILENCE, 'empty for the default'), input: () => numberInput(WAIT_FOR_SILENCE)},
  ...AMD_PARAMETERS.map((p) => ({name: `amdParameters.${p.name}`, label: p.label, group: 'timing', optional: true, number: true,
    hint: boundsHint(p, 'empty for the default'), input: () => numberInput(p)})),
  // Retries: emptied all three, the tenant has no policy and its calls are dialed once unless they say otherwise.
  {name: 'retry.on', label: 'Dial again on', group: 'retry', optional: true,
    hint: 'Any of BUSY, NO_ANSWER, CONGESTION, separated by commas; empty: all three (or no retries, with the rest empty)',
    input: () => h('input', {type: 'text', autocomplete: 'off', spellcheck: 'false'}),
    show: (v) => (v || []).join(', '), read: (v) => v.split(',').map((o) => o.trim().toUpperCase()).filter(Boolean)},
  {name: 'retry.maxAttempts', label: 'Attempts in all', group: 'retry', optional: true, number: true,
    hint: '1 to 10, the first included; empty: 3', input: () => h('input', {type: 'number', min: '1', max: '10', inputmode: 'numeric'})},
  {name: 'retry.delaySeconds', label: 'Delay between attempts (seconds)', group: 'retry', optional: true, number: true,
    hint: '60 to 86,400; empty: 300', input: () => h('input', {type: 'number', min: '60', max: '86400', inputmode: 'numeric'})},
];

function valueAt(doc, dotted) {
  return dotted.split('.').reduce((node, key) => (node == null ? undefined : node[key]), doc);
}

/** What the form holds for a setting: null for an emptied optional one, a number where the API wants one. */
function formValue(setting, control) {
  if (setting.boolean) return control.checked;
  const raw = control.value.trim();
  if (raw === '' && setting.optional) return null;
  if (setting.number) return numberOrText(raw);
  return setting.read ? setting.read(raw) : raw;
}

/** The JSON Merge Patch of what the form changed from {@code tenant}: {} when nothing did. */
function mergePatch(tenant, controls, callingWindow) {
  const patch = {};
  const windowPatch = callingWindow.patch();
  if (windowPatch !== undefined) patch.callingWindow = windowPatch;
  for (const setting of SETTINGS) {
    const before = setting.boolean ? valueAt(tenant, setting.name) === true : (valueAt(tenant, setting.name) ?? null);
    const after = formValue(setting, controls[setting.name]);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const [head, tail] = setting.name.split('.');
    if (tail) (patch[head] ||= {})[tail] = after;
    else patch[head] = after;
  }
  // The policy emptied altogether is removed, not merged into the defaults.
  const retry = SETTINGS.filter((s) => s.group === 'retry');
  if (patch.retry && retry.every((s) => formValue(s, controls[s.name]) === null)) patch.retry = null;
  return patch;
}

function describePatch(patch) {
  return Object.entries(patch).flatMap(([name, value]) => (value && typeof value === 'object' && !Array.isArray(value) && name !== 'callingWindow'
    ? Object.entries(value).map(([inner, v]) => `${name}.${inner}: ${JSON.stringify(v)}`)
    : [`${name}: ${JSON.stringify(value)}`]));
}

export function mount(container, {api, setTitle}) {
  setTitle('Tenant settings');
  const body = h('div', {'aria-busy': 'true'}, state('loading', 'Loading the tenant…'));
  replace(container, tenantHead('/tenant', 'Tenant settings'), body);

  let tenant = null;
  let etag = null;

  /** @param focus after a conflict: the keyboard goes back to the form drawn anew */
  const load = async (focus) => {
    body.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.send('GET', '/tenant');
      tenant = answer.body;
      etag = answer.headers.get('etag');
      draw();
      if (focus) body.querySelector('form input')?.focus();
    } catch (e) {
      replace(body, state('error', `The tenant could not be read: ${e.message}`,
        h('button', {type: 'button', onclick: () => load(), text: 'Try again'})));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };

  const draw = (savedMessage) => {
    const fields = {};
    const controls = {};
    for (const setting of SETTINGS) {
      const control = setting.input();
      control.name = setting.name;
      control.id = `setting-${setting.name.replace('.', '-')}`;
      const value = valueAt(tenant, setting.name);
      if (setting.boolean) control.checked = value === true;
      else control.value = setting.show ? setting.show(value) : (value ?? '');
      controls[setting.name] = control;
      fields[setting.name] = field(setting.label, control, setting.hint);
    }
    const callingWindow = callingWindowFields(tenant.callingWindow);
    Object.assign(fields, callingWindow.fields);
    byListField(fields);
    const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true, id: 'settings-problem'});
    const conflict = h('div', {class: 'state error conflict', role: 'alert', tabindex: '-1', hidden: true, id: 'settings-conflict'});
    const saved = notice();
    saved.id = 'settings-saved';
    const save = h('button', {type: 'submit', class: 'primary', id: 'settings-save', text: 'Save settings'});
    const form = h('form', {class: 'form', 'aria-label': 'Tenant settings', novalidate: true},
      h('div', {class: 'filter-grid'}, SETTINGS.filter((s) => !s.group).map((s) => fields[s.name])),
      h('fieldset', {class: 'amd', id: 'settings-amd'}, h('legend', {text: 'Answering-machine detection'}),
        h('div', {class: 'filter-grid'}, SETTINGS.filter((s) => s.group === 'amd').map((s) => fields[s.name])),
        timingDisclosure('settings-amd-timing', Object.fromEntries(SETTINGS.filter((s) => s.group === 'timing').map((s) => [s.name, fields[s.name]])))),
      callingWindow.element,
      h('fieldset', {class: 'amd', id: 'settings-retry'}, h('legend', {text: 'Retries'}),
        h('p', {class: 'hint', text: 'When an unanswered call is dialed again; an answered or canceled call never is. A call may set its own.'}),
        h('div', {class: 'filter-grid'}, SETTINGS.filter((s) => s.group === 'retry').map((s) => fields[s.name]))),
      h('div', {class: 'actions'}, save, h('button', {type: 'button', id: 'settings-revert', text: 'Undo my edits', onclick: () => draw()})),
      summary, conflict, saved);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      summary.hidden = true;
      conflict.hidden = true;
      const patch = mergePatch(tenant, controls, callingWindow);
      if (Object.keys(patch).length === 0) {
        saved.say('Nothing changed, so nothing was saved.');
        return;
      }
      try {
        const answer = await busy(save, 'Saving…', () => api.send('PATCH', '/tenant',
          {body: patch, headers: etag ? {'Content-Type': MERGE_PATCH, 'If-Match': etag} : {'Content-Type': MERGE_PATCH}}));
        tenant = answer.body;
        etag = answer.headers.get('etag');
        draw(`Saved: version ${tenant.version}.`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 428) {
          // Only when the read answered no ETag the page could see: across origins, CORS must expose it.
          replace(summary, h('p', {text: 'Not saved: the API wants the version read (If-Match), and its answer gave this page no ETag. '
            + 'Where the console and the API are on different origins, the API’s CORS must expose the ETag header.'}));
          summary.hidden = false;
          summary.focus();
        } else if (e instanceof ApiError && e.status === 412) {
          replace(conflict,
            h('p', {class: 'conflict-title', text: 'Not saved: the settings changed since you loaded them.'}),
            h('p', {text: `Someone saved a newer version than the one you edited (version ${tenant.version}). Load the latest settings, then make your changes again.`}),
            h('p', {text: 'Your changes were:'}),
            h('ul', {}, describePatch(patch).map((line) => h('li', {class: 'mono', text: line}))),
            h('button', {type: 'button', class: 'primary', id: 'settings-reload', text: 'Load the latest settings', onclick: () => load(true)}));
          conflict.hidden = false;
          conflict.focus();
        } else if (e instanceof ApiError && e.status === 400) {
          showProblem(e, fields, summary);
        } else {
          replace(summary, h('p', {text: `The settings could not be saved: ${e.message}`}));
          summary.hidden = false;
          summary.focus();
        }
      }
    });
    replace(body,
      h('dl', {class: 'record', id: 'tenant-record'},
        h('dt', {text: 'Tenant'}), h('dd', {class: 'mono', text: tenant.tenantId}),
        h('dt', {text: 'Status'}), h('dd', {id: 'tenant-status', text: tenant.status === 'suspended'
          ? `Suspended (${text(tenant.suspension?.reason)}) since ${text(tenant.suspension?.since)}` : 'Active'}),
        h('dt', {text: 'Version'}), h('dd', {id: 'tenant-version', text: String(tenant.version)})),
      h('h2', {text: 'Edit'}),
      form);
    if (savedMessage) saved.say(savedMessage);
  };

  load();
}
