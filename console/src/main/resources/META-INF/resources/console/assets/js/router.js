// A hash router (#/calls/ID): the console is one static page, so any file host can serve it.
// Routes come from routes.js; each names the role it needs and the view module that draws it.

export function parseHash(hash) {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path, search = ''] = raw.split('?');
  return {path: path || '/', query: Object.fromEntries(new URLSearchParams(search))};
}

export function hashOf(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

/** The route whose pattern (/calls/:callId) matches path, with its parameters; null if none. */
export function match(routes, path) {
  for (const route of routes) {
    const names = [];
    const pattern = new RegExp(`^${route.path.replace(/:([A-Za-z]+)/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    })}$`);
    const found = pattern.exec(path);
    if (found) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return {route, params};
    }
  }
  return null;
}

export class Router {
  constructor(onRoute) {
    this.onRoute = onRoute;
  }

  start() {
    window.addEventListener('hashchange', () => this.dispatch());
    this.dispatch();
  }

  go(path, query) {
    const hash = hashOf(path, query);
    if (window.location.hash === hash) {
      this.dispatch();
    } else {
      window.location.hash = hash;
    }
  }

  dispatch() {
    const hash = window.location.hash;
    const route = hash.startsWith('#/');
    // An in-page anchor (#main) is not a route: it leaves the page drawn, or on a first load the call log.
    if (!route && this.drawn) return;
    this.drawn = true;
    this.onRoute(parseHash(route ? hash : '#/calls'));
  }
}
