import {h, replace, state} from '../dom.js';

export function mount(container, {setTitle}) {
  setTitle('Coming');
  replace(container, state('empty', 'This page is being built.'));
}
