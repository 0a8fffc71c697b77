// The place-a-call form's answering-machine detection: this call's mode (or the tenant's), with
// leaveMessage its message, and optionally AMD()'s timing; each field left empty is the tenant's.

import {h} from '../dom.js';
import {field} from '../forms.js';
import {AMD_MODES, boundsHint, numberInput, numberOrText, PROMPT_HINT, timingDisclosure, timingFields, WAIT_FOR_SILENCE} from '../amd-fields.js';

/** {node, fields, read(body)}: fields keyed by the API's names; read adds what was chosen to the request body. */
export function callAmdFields() {
  const mode = field('Answering-machine detection', h('select', {name: 'answeringMachineDetection', id: 'call-amd-mode'},
    h('option', {value: '', text: 'The tenant\u2019s setting'}),
    AMD_MODES.map((m) => h('option', {value: m.value, text: m.text}))));
  const prompt = field('Message to leave', h('input', {type: 'text', name: 'voicemailMessage.prompt', id: 'call-amd-prompt',
    autocomplete: 'off', spellcheck: 'false', placeholder: 'outcall/reminder'}), `${PROMPT_HINT}; empty: the tenant\u2019s.`);
  const waitControl = numberInput(WAIT_FOR_SILENCE);
  waitControl.name = 'voicemailMessage.waitForSilenceMs';
  waitControl.id = 'call-amd-waitForSilenceMs';
  const wait = field('Silence that ends the greeting (ms)', waitControl, boundsHint(WAIT_FOR_SILENCE, 'empty: the tenant\u2019s'));
  const message = h('div', {class: 'amd-message', id: 'call-amd-message'}, prompt, wait);
  const timing = timingFields((name) => `call-amd-${name}`, 'empty: the tenant\u2019s');
  const showMessage = () => { message.hidden = mode.control.value !== 'leaveMessage'; };
  mode.control.addEventListener('change', showMessage);
  showMessage();
  const node = h('fieldset', {class: 'amd', id: 'call-amd'},
    h('legend', {text: 'Answering-machine detection'}),
    mode, message, timingDisclosure('call-amd-timing', timing));
  const fields = {answeringMachineDetection: mode, 'voicemailMessage.prompt': prompt, 'voicemailMessage.waitForSilenceMs': wait, ...timing};

  const read = (body) => {
    if (mode.control.value) body.answeringMachineDetection = mode.control.value;
    if (mode.control.value === 'leaveMessage') {
      const voicemail = {};
      if (prompt.control.value.trim()) voicemail.prompt = prompt.control.value.trim();
      if (waitControl.value.trim()) voicemail.waitForSilenceMs = numberOrText(waitControl.value.trim());
      if (Object.keys(voicemail).length) body.voicemailMessage = voicemail;
    }
    const parameters = {};
    for (const [name, node] of Object.entries(timing)) {
      const raw = node.control.value.trim();
      if (raw) parameters[name.slice('amdParameters.'.length)] = numberOrText(raw);
    }
    if (Object.keys(parameters).length) body.amdParameters = parameters;
  };
  return {node, fields, read};
}
