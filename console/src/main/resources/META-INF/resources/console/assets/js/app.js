// The console's shell: reads its config, completes an OpenID Connect redirect if this is one,
// keeps the session, draws the navigation for the session's roles and hands each route to its view.

import {Api} from './api.js';
import {loadConfig} from './config.js';
import {h, replace, state} from './dom.js';
import {completeSignIn, isRedirectBack} from './oidc.js';
import {match, Router} from './router.js';
import {homeOf, routes} from './routes.js';
import {sessionStore} from './session.js';
import {signInView} from './views/sign-in.js';

const RETURN_KEY = 'outcall.return';

class Console {
  constructor(config) {
    this.config = config;
    this.session = sessionStore.load(config);
    this.main = document.getElementById('main');
    this.nav = document.getElementById('nav');
    this.who = document.getElementById('who');
    this.dispose = () => {};
    this.expiryTimer = null;
    this.notice = null;
    this.showing = 0;
    this.api = new Api(config.apiBase, () => this.session?.token, () => this.expire('The API refused the token; sign in again.'));
    this.router = new Router((location) => this.show(location));
  }

  start() {
    this.armExpiry();
    this.router.start();
  }

  signedIn(token) {
    this.session = sessionStore.save(token, this.config);
    this.notice = null;
    this.armExpiry();
    const back = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    this.router.go(back || homeOf(this.session));
  }

  signOut(notice) {
    sessionStore.clear();
    this.session = null;
    this.notice = notice || null;
    clearTimeout(this.expiryTimer);
    this.router.go('/sign-in');
  }

  /** An expired or refused token: back to sign-in, then back to this page. */
  expire(notice) {
    if (!this.session) return;
    const hash = window.location.hash;
    if (hash.startsWith('#/') && !hash.startsWith('#/sign-in')) sessionStorage.setItem(RETURN_KEY, hash.slice(1));
    this.signOut(notice);
  }

  armExpiry() {
    clearTimeout(this.expiryTimer);
    if (!this.session?.expiresAt) return;
    const left = this.session.expiresAt.getTime() - Date.now();
    // setTimeout holds at most 2^31-1 ms; a longer token is checked again when that fires.
    this.expiryTimer = setTimeout(() => {
      if (this.session?.expired()) this.expire('Your session expired; sign in again.');
      else this.armExpiry();
    }, Math.min(Math.max(left, 0), 2 ** 31 - 1));
  }

  async show(location) {
    const showing = ++this.showing;
    this.dispose();
    this.dispose = () => {};
    if (this.session?.expired()) this.expire('Your session expired; sign in again.');
    if (!this.session || location.path === '/sign-in') {
      if (this.session) return this.router.go(homeOf(this.session));
      this.drawNav(null);
      document.title = 'Sign in · outcall console';
      replace(this.main, signInView(this.config, this.notice, (token) => this.signedIn(token)));
      return;
    }
    this.drawNav(location.path);
    const found = match(routes, location.path);
    if (!found) {
      if (location.path === '/signed-in') return this.page('Signed in', state('empty', 'There is no page for your role in this console yet.'));
      return this.page('Not found', state('error', `There is no page at ${location.path}.`, h('p', {}, h('a', {href: '#/calls'}, 'Go to the call log'))));
    }
    if (!this.session.has(found.route.role)) {
      return this.page('Not allowed', state('error', `This page needs the ${found.route.role} role, which your sign-in does not have.`));
    }
    replace(this.main, state('loading', 'Loading…'));
    // A new page: the keyboard and screen readers start at its content, not at the link left behind.
    if (this.shown) this.main.focus({preventScroll: true});
    this.shown = true;
    try {
      const view = await found.route.view();
      // Another route came while this one's module loaded (sign-in's redirect, then a link): that one draws.
      if (showing !== this.showing) return;
      const container = h('div', {class: 'view'});
      replace(this.main, container);
      const context = {params: found.params, query: location.query, api: this.api, session: this.session,
        router: this.router, config: this.config, setTitle: (title) => { document.title = `${title} · outcall console`; }};
      this.dispose = view.mount(container, context) || (() => {});
    } catch (e) {
      if (showing === this.showing) this.page('Error', state('error', `This page failed to load: ${e.message}`));
    }
  }

  page(title, ...content) {
    document.title = `${title} · outcall console`;
    replace(this.main, h('h1', {text: title}), ...content);
  }

  drawNav(path) {
    if (!this.session) {
      replace(this.nav);
      replace(this.who);
      return;
    }
    const links = routes.filter((route) => route.nav && this.session.has(route.role)).map((route) => {
      const current = path === route.path || (route.path === '/calls' && /^\/calls\/(?!new)/.test(path || ''))
        || (route.path === '/tenant' && (path || '').startsWith('/tenant/'));
      return h('li', {}, h('a', {href: `#${route.path}`, 'aria-current': current ? 'page' : null, text: route.nav}));
    });
    links.push(h('li', {}, h('a', {href: '/docs', text: 'API reference'})));
    replace(this.nav, h('ul', {}, links));
    const roles = [...this.session.roles].join(', ') || 'none';
    replace(this.who,
      h('span', {class: 'who-name', text: `${this.session.tenant ?? 'platform'} · ${roles}`}),
      h('button', {type: 'button', class: 'link', id: 'sign-out', onclick: () => this.signOut('You signed out.')}, 'Sign out'));
  }
}

async function boot() {
  const main = document.getElementById('main');
  // The skip link moves the focus itself, so the address keeps its route.
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  let config;
  try {
    config = await loadConfig();
  } catch (e) {
    replace(main, state('error', e.message));
    return;
  }
  const app = new Console(config);
  if (config.signIn === 'oidc' && isRedirectBack(window.location)) {
    try {
      const token = await completeSignIn(config, window.location, sessionStorage);
      window.history.replaceState(null, '', window.location.pathname + window.location.hash);
      app.start();
      app.signedIn(token);
      return;
    } catch (e) {
      window.history.replaceState(null, '', window.location.pathname);
      app.notice = `Sign-in failed: ${e.message}`;
    }
  }
  app.start();
}

boot();
