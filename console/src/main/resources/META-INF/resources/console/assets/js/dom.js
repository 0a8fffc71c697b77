// Building the page with DOM APIs only: every piece of data becomes a text node or an attribute
// value, never markup: nothing in the console parses a string as HTML (ConsoleFilesTest checks).

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, null skipped. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** An HTML element: h('a', {href: '#/calls', class: 'x'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, the same way. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces what {@code parent} holds. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A loading, empty or error state, announced to screen readers. */
export function state(kind, message, ...more) {
  return h('div', {class: `state ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, h('p', {text: message}), ...more);
}
