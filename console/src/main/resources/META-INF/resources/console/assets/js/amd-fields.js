// Answering-machine detection's settings as form fields, for the tenant's settings and for one
// call: the mode, the voicemail message, and AMD()'s nine timing arguments with their bounds
// (the API's, app_amd's defaults), named as the API names them so its field errors find them.

import {h} from './dom.js';
import {field} from './forms.js';

export const AMD_MODES = [
  {value: 'off', text: 'Off'},
  {value: 'detect', text: 'Detect: record who answered, go on as for a person'},
  {value: 'hangupOnMachine', text: 'Hang up on a machine'},
  {value: 'leaveMessage', text: 'Leave a message on a machine'},
];

/** AMD()'s arguments in its order: the API's name, a label, the bounds and Asterisk's default. */
export const AMD_PARAMETERS = [
  {name: 'initialSilenceMs', label: 'Initial silence (ms)', min: 500, max: 10000, default: 2500},
  {name: 'greetingMs', label: 'Greeting (ms)', min: 500, max: 10000, default: 1500},
  {name: 'afterGreetingSilenceMs', label: 'Silence after the greeting (ms)', min: 100, max: 5000, default: 800},
  {name: 'totalAnalysisTimeMs', label: 'Total analysis time (ms)', min: 1000, max: 30000, default: 5000},
  {name: 'minWordLengthMs', label: 'Shortest word (ms)', min: 10, max: 1000, default: 100},
  {name: 'betweenWordsSilenceMs', label: 'Silence between words (ms)', min: 10, max: 1000, default: 50},
  {name: 'maximumNumberOfWords', label: 'Most words', min: 1, max: 20, default: 2},
  {name: 'silenceThreshold', label: 'Silence threshold', min: 1, max: 32767, default: 256},
  {name: 'maximumWordLengthMs', label: 'Longest word (ms)', min: 100, max: 30000, default: 5000},
];

export const WAIT_FOR_SILENCE = {min: 300, max: 10000, default: 1500};
export const PROMPT_HINT = 'A sound under Asterisk\u2019s sounds folder, no extension, e.g. outcall/reminder';

export function boundsHint(bounds, empty) {
  return `${bounds.min.toLocaleString('en')} to ${bounds.max.toLocaleString('en')}; ${empty} (Asterisk\u2019s default ${bounds.default.toLocaleString('en')})`;
}

export function numberInput(bounds) {
  return h('input', {type: 'number', min: String(bounds.min), max: String(bounds.max), step: '1', inputmode: 'numeric'});
}

/** A number field's value as the API wants it: a number when it is one, else the text, which the API refuses by name. */
export function numberOrText(raw) {
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

/**
 * The nine timing fields in a closed disclosure, keyed amdParameters.NAME.
 * @param idOf the control's id for a parameter's API name
 * @param empty what an empty field means, for the hints
 */
export function timingFields(idOf, empty) {
  const fields = {};
  for (const p of AMD_PARAMETERS) {
    const control = numberInput(p);
    control.name = `amdParameters.${p.name}`;
    control.id = idOf(p.name);
    fields[control.name] = field(p.label, control, boundsHint(p, empty));
  }
  return fields;
}

/** The disclosure that holds the timing fields; opened when one of them shows an error. */
export function timingDisclosure(id, fields) {
  return h('details', {class: 'amd-timing', id},
    h('summary', {text: 'AMD timing: AMD()\u2019s nine arguments'}),
    h('p', {class: 'hint', text: 'Leave these alone unless calls are told wrongly: every one has Asterisk\u2019s own default.'}),
    h('div', {class: 'filter-grid'}, Object.values(fields)));
}
