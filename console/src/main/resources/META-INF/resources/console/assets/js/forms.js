// Form plumbing shared by the views: labelled fields with a place for their error, and a
// problem document's field errors shown beside the fields they name.

import {h, replace} from './dom.js';

let counter = 0;

/**
 * A labelled control with a hint and an error line under it, tied by aria-describedby.
 * @param control the input, select or textarea (its id is set here when it has none)
 */
export function field(label, control, hint) {
  const id = control.id || `f${++counter}`;
  control.id = id;
  const error = h('p', {class: 'field-error', id: `${id}-error`, hidden: true});
  const hintNode = hint ? h('p', {class: 'hint', id: `${id}-hint`, text: hint}) : null;
  control.setAttribute('aria-describedby', [hintNode?.id, error.id].filter(Boolean).join(' '));
  const wrapper = h('div', {class: 'field'}, h('label', {for: id, text: label}), hintNode, control, error);
  wrapper.control = control;
  wrapper.error = error;
  return wrapper;
}

export function showFieldError(fieldNode, messages) {
  const text = [messages].flat().filter(Boolean).join('; ');
  fieldNode.error.textContent = text;
  fieldNode.error.hidden = !text;
  // A field in a closed disclosure (the AMD timing) is opened, so its error is seen and it can take the focus.
  if (text) fieldNode.control.closest('details:not([open])')?.setAttribute('open', '');
  if (text) fieldNode.control.setAttribute('aria-invalid', 'true');
  else fieldNode.control.removeAttribute('aria-invalid');
}

/**
 * Shows an ApiError's field errors beside the fields of {@code fields} (by API field name, or by a
 * function of the field name for nested ones such as variables.NAME); the rest, and the problem's
 * title, go to {@code summary}. Focuses the first field at fault.
 */
export function showProblem(error, fields, summary) {
  for (const node of Object.values(fields)) if (node?.error) showFieldError(node, null);
  const unplaced = [];
  let first = null;
  for (const [name, messages] of Object.entries(error.fieldErrors)) {
    const node = typeof fields.lookup === 'function' ? fields.lookup(name) : fields[name];
    if (node) {
      showFieldError(node, messages);
      first ||= node.control;
    } else {
      unplaced.push(`${name}: ${messages.join('; ')}`);
    }
  }
  replace(summary,
    h('p', {text: error.problem.title || error.message}),
    error.problem.detail && error.problem.detail !== error.problem.title ? h('p', {text: error.problem.detail}) : null,
    unplaced.length ? h('ul', {}, unplaced.map((line) => h('li', {text: line}))) : null);
  summary.hidden = false;
  (first || summary).focus();
}
