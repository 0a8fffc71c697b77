// A tenant's calling window as form fields: what becomes of a call outside it, and each weekday's
// local hours as "08:00-12:00, 13:00-21:00" (empty: closed that day), named as the API names them
// so that its field errors land beside the right day.

import {h} from './dom.js';
import {field} from './forms.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The window as the API's merge patch wants it: every weekday named, null for a closed one, so days closed in the form close. */
function normalised(window) {
  if (!window) return null;
  return {outsideWindow: window.outsideWindow,
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, window.hours?.[day]?.length ? window.hours[day] : null]))};
}

function rangesOf(text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return trimmed.split(',').map((part) => {
    const [from = '', to = ''] = part.split('-').map((s) => s.trim());
    return {from, to};
  });
}

/**
 * @param window the tenant's callingWindow, or undefined
 * @return {fields, element, patch}: patch() is undefined when the form left the window as it was
 */
export function callingWindowFields(window) {
  const mode = h('select', {id: 'setting-callingWindow-outsideWindow'},
    h('option', {value: '', text: 'No window: any time'}),
    h('option', {value: 'refuse', text: 'Refuse the call'}),
    h('option', {value: 'schedule', text: 'Schedule it for the opening'}));
  mode.value = window?.outsideWindow ?? '';
  const modeField = field('A call outside the window', mode,
    'Hours are the callee\u2019s local time, in every time zone the number may be in; a refusal says when it opens');
  const fields = {'callingWindow': modeField, 'callingWindow.outsideWindow': modeField};
  const days = {};
  for (const day of WEEKDAYS) {
    const input = h('input', {type: 'text', id: `setting-callingWindow-${day}`, autocomplete: 'off', spellcheck: 'false',
      placeholder: 'closed'});
    input.value = (window?.hours?.[day] || []).map((r) => `${r.from}-${r.to}`).join(', ');
    days[day] = input;
    fields[`callingWindow.hours.${day}`] = field(day[0].toUpperCase() + day.slice(1), input, 'e.g. 08:00-12:00, 13:00-21:00');
  }
  fields['callingWindow.hours'] = fields['callingWindow.hours.monday'];
  const element = h('fieldset', {class: 'amd', id: 'settings-window'}, h('legend', {text: 'Calling window'}),
    h('div', {class: 'filter-grid'}, modeField, WEEKDAYS.map((day) => fields[`callingWindow.hours.${day}`])));
  const patch = () => {
    const after = mode.value
      ? {outsideWindow: mode.value, hours: Object.fromEntries(WEEKDAYS.map((day) => [day, rangesOf(days[day].value)]))}
      : null;
    return JSON.stringify(normalised(window)) === JSON.stringify(after) ? undefined : after;
  };
  return {fields, element, patch};
}
