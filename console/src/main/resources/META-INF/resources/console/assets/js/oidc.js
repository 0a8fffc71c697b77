// OpenID Connect sign-in: the authorization code flow with PKCE (RFC 7636, S256) for a public
// client, as a deployment's /console-config.json names it (issuer, clientId, scopes). The state and
// the code verifier wait in sessionStorage while the browser is at the issuer; the code comes back
// to this page (?code=...&state=...) and is exchanged at the token endpoint of the issuer's
// discovery document.

const PENDING_KEY = 'outcall.oidc.pending';

export function base64url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random string of URL-safe characters from {@code bytes} random bytes (32: 43 characters, as PKCE asks). */
export function randomString(bytes = 32, random = crypto) {
  return base64url(random.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier: BASE64URL(SHA-256(verifier)). */
export async function codeChallenge(verifier, subtle = crypto.subtle) {
  return base64url(await subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** The issuer's discovery document, checked to be the issuer's. */
export async function discover(issuer, fetchFn = fetch) {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetchFn(url, {headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(`the issuer's discovery document (${url}) answered ${response.status}`);
  const document = await response.json();
  if (document.issuer !== issuer.replace(/\/$/, '') && document.issuer !== issuer) {
    throw new Error(`the discovery document names issuer ${document.issuer}, not ${issuer}`);
  }
  if (!document.authorization_endpoint || !document.token_endpoint) {
    throw new Error('the discovery document has no authorization_endpoint or token_endpoint');
  }
  return document;
}

/**
 * Where the issuer sends the browser back: the console's root, whatever page the sign-in began on
 * (the console is served at / and routes by fragment; Cognito accepts only the exact URL registered,
 * which the template makes https://<distribution>/).
 */
export function redirectUriOf(location) {
  return `${location.origin}/`;
}

/**
 * The issuer's authorization URL for a new sign-in; its state and code verifier are kept in
 * {@code storage} until the browser comes back.
 */
export async function beginSignIn(config, location, storage, {fetchFn = fetch, random = crypto} = {}) {
  const discovery = await discover(config.issuer, fetchFn);
  const state = randomString(32, random);
  const verifier = randomString(32, random);
  const redirectUri = redirectUriOf(location);
  storage.setItem(PENDING_KEY, JSON.stringify({state, verifier, redirectUri}));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', config.scopes || 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await codeChallenge(verifier, random.subtle));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export function isRedirectBack(location) {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * Completes the sign-in the issuer sent the browser back from: checks the state against the one
 * kept, exchanges the code and the verifier at the token endpoint, and answers the access token
 * (the one the API's JWT authorizer verifies).
 */
export async function completeSignIn(config, location, storage, fetchFn = fetch) {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(storage.getItem(PENDING_KEY) || 'null');
  storage.removeItem(PENDING_KEY);
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('the sign-in came back with a state this tab did not send; start again');
  }
  if (params.has('error')) {
    throw new Error(`the issuer refused: ${params.get('error')}${params.has('error_description') ? ` (${params.get('error_description')})` : ''}`);
  }
  const discovery = await discover(config.issuer, fetchFn);
  const response = await fetchFn(discovery.token_endpoint, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: pending.redirectUri,
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    throw new Error(`the token endpoint answered ${response.status}${tokens.error ? ` ${tokens.error}` : ''}`);
  }
  return tokens.access_token;
}
