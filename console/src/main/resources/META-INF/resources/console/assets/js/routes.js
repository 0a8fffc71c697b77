// Every page of the console: its path, the role its API routes need, its navigation entry, and
// the module that draws it (loaded on first visit). A page a role may not use is neither shown in
// the navigation nor drawn. Statistics (/stats, role calls) and the operator's tenants
// (/tenants, role platform) come here when they are built.

export const routes = [
  {path: '/calls', role: 'calls', nav: 'Calls', view: () => import('./views/calls-list.js')},
  {path: '/calls/new', role: 'calls', nav: 'Place a call', view: () => import('./views/call-new.js')},
  {path: '/calls/:callId', role: 'calls', view: () => import('./views/call-detail.js')},
  {path: '/stats', role: 'calls', nav: 'Statistics', view: () => import('./views/stats.js')},
  {path: '/tenant', role: 'admin', nav: 'Tenant', view: () => import('./views/tenant-overview.js')},
  {path: '/tenant/dids', role: 'admin', view: () => import('./views/tenant-dids.js')},
  {path: '/tenant/transfer-numbers', role: 'admin', view: () => import('./views/tenant-transfers.js')},
  {path: '/tenant/webhooks', role: 'admin', view: () => import('./views/tenant-webhooks.js')},
  {path: '/tenant/webhooks/:webhookId', role: 'admin', view: () => import('./views/tenant-webhook.js')},
  {path: '/tenant/prompts', role: 'admin', view: () => import('./views/tenant-prompts.js')},
  {path: '/tenant/dnc', role: 'admin', view: () => import('./views/tenant-dnc.js')},
  {path: '/tenant/audit', role: 'admin', view: () => import('./views/tenant-audit.js')},
];

/** Where a role lands after sign-in: its first page. */
export function homeOf(session) {
  const first = routes.find((route) => route.nav && session.has(route.role));
  return first ? first.path : '/signed-in';
}
