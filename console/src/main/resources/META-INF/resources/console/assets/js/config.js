// What /console-config.json says: how to sign in (local or oidc) and which token claims carry the
// tenant and the scopes. ./run-local serves it; a deployment writes it beside index.html.

const DEFAULTS = {signIn: 'local', tenantClaim: 'tenant_id', scopeClaim: 'scope', apiBase: ''};

export async function loadConfig(fetchFn = fetch) {
  const response = await fetchFn('/console-config.json', {cache: 'no-store'});
  if (!response.ok) {
    throw new Error(`/console-config.json answered ${response.status}; the console cannot tell how to sign in`);
  }
  const config = {...DEFAULTS, ...(await response.json())};
  if (config.signIn === 'oidc' && (!config.issuer || !config.clientId)) {
    throw new Error('/console-config.json names oidc sign-in without issuer and clientId');
  }
  return Object.freeze(config);
}
