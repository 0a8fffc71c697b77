// Sign-in. Locally (./run-local): a tenant and a role, for which the front mints the token
// `./run-local token` would print. With an identity provider: off to its sign-in page (PKCE).

import {h, state} from '../dom.js';
import {field} from '../forms.js';
import {beginSignIn} from '../oidc.js';

export function signInView(config, notice, onToken) {
  const summary = h('div', {class: 'state error', role: 'alert', tabindex: '-1', hidden: true});
  const body = config.signIn === 'oidc' ? oidcForm(config, summary) : localForm(onToken, summary);
  return h('section', {class: 'sign-in', 'aria-labelledby': 'sign-in-title'},
    h('h1', {id: 'sign-in-title', text: 'Sign in'}),
    notice ? state('notice', notice) : null,
    summary,
    body);
}

function fail(summary, message) {
  summary.replaceChildren(h('p', {text: message}));
  summary.hidden = false;
  summary.focus();
}

function localForm(onToken, summary) {
  const tenant = field('Tenant', h('input', {name: 'tenant', id: 'sign-in-tenant', value: 'demo', autocomplete: 'off',
    spellcheck: 'false'}), 'The tenant id, e.g. demo (./run-local seeds it). Leave empty for a platform operator.');
  const role = field('Role', h('select', {name: 'role', id: 'sign-in-role'},
    h('option', {value: 'calls', text: 'Calls: place and read calls'}),
    h('option', {value: 'admin', text: 'Admin: calls, and manage the tenant'}),
    h('option', {value: 'platform', text: 'Platform: the operator'})));
  const submit = h('button', {type: 'submit', class: 'primary', text: 'Sign in'});
  const form = h('form', {class: 'form', novalidate: true},
    h('p', {class: 'hint', text: 'Local sign-in: ./run-local signs a token for the tenant and role you choose.'}),
    tenant, role, h('div', {class: 'actions'}, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const response = await fetch('/local/token', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({tenant: tenant.control.value.trim(), role: role.control.value})});
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(answer.detail || `the local sign-in answered ${response.status}`);
      onToken(answer.token);
    } catch (e) {
      fail(summary, `Sign-in failed: ${e.message}`);
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  return form;
}

function oidcForm(config, summary) {
  const host = new URL(config.issuer).host;
  const button = h('button', {type: 'button', class: 'primary', id: 'sign-in-oidc', text: `Sign in with ${host}`});
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      window.location.assign(await beginSignIn(config, window.location, sessionStorage));
    } catch (e) {
      button.disabled = false;
      fail(summary, `Sign-in could not start: ${e.message}`);
    }
  });
  return h('div', {class: 'form'}, h('p', {class: 'hint', text: `You sign in at ${host} and come back here.`}), button);
}
