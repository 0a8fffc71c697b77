// The signed-in user: a bearer token and what its claims say. Kept in sessionStorage (this tab,
// gone when it closes), never localStorage.

const KEY = 'outcall.session';
const FAMILY = 'outcall/';
export const SCOPES = Object.freeze({calls: 'outcall/calls', admin: 'outcall/admin', platform: 'outcall/platform'});

/** The JWT's payload, decoded (not verified: the API verifies every request). */
export function claimsOf(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new Error('not a JWT: expected three dot-separated parts');
  const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The scopes of a claim that is a space-separated string (OAuth) or a list (some providers). */
export function scopesOf(claims, scopeClaim) {
  const value = claims[scopeClaim] ?? claims.scp ?? '';
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/).filter(Boolean);
}

/**
 * The roles the scopes grant, as the API's Scope does: a token with no outcall/ scope at all
 * predates roles and may still place and read calls.
 */
export function rolesOf(scopes) {
  const roles = new Set();
  if (scopes.includes(SCOPES.calls) || !scopes.some((s) => s.startsWith(FAMILY))) roles.add('calls');
  if (scopes.includes(SCOPES.admin)) roles.add('admin');
  if (scopes.includes(SCOPES.platform)) roles.add('platform');
  return roles;
}

export class Session {
  constructor(token, config) {
    const claims = claimsOf(token);
    this.token = token;
    this.tenant = claims[config.tenantClaim] ?? null;
    this.subject = claims.sub ?? claims.username ?? '';
    this.scopes = scopesOf(claims, config.scopeClaim);
    this.roles = rolesOf(this.scopes);
    this.expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
    Object.freeze(this);
  }

  has(role) {
    return this.roles.has(role);
  }

  expired(now = new Date()) {
    return this.expiresAt !== null && this.expiresAt <= now;
  }
}

export const sessionStore = {
  /** The session of this tab, or null when there is none or it has expired. */
  load(config, storage = sessionStorage) {
    const token = storage.getItem(KEY);
    if (!token) return null;
    try {
      const session = new Session(token, config);
      if (session.expired()) {
        storage.removeItem(KEY);
        return null;
      }
      return session;
    } catch (e) {
      storage.removeItem(KEY);
      return null;
    }
  },
  save(token, config, storage = sessionStorage) {
    const session = new Session(token, config);
    storage.setItem(KEY, token);
    return session;
  },
  clear(storage = sessionStorage) {
    storage.removeItem(KEY);
  },
};
