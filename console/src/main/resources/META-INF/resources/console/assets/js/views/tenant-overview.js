// The tenant's administrator's page (role admin): the tenant's settings as GET /tenant answers
// them. Editing, numbers, webhooks and the audit log are the next pages to come here.

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {text} from '../format.js';

export function mount(container, {api, setTitle}) {
  setTitle('Tenant');
  const body = h('div', {'aria-busy': 'true'}, state('loading', 'Loading the tenant…'));
  replace(container, h('h1', {text: 'Tenant'}), body);
  api.get('/tenant').then((tenant) => {
    const rows = [
      ['Tenant id', tenant.tenantId], ['Name', tenant.name], ['Status', tenant.status],
      ['Default region', tenant.defaultRegion], ['Default context', tenant.defaultContext],
      ['Allowed contexts', (tenant.allowedContexts || []).join(', ')], ['Ring timeout', `${tenant.ringTimeoutSeconds} s`],
      ['Caller-ID strategy', typeof tenant.callerIdStrategy === 'object' ? JSON.stringify(tenant.callerIdStrategy) : tenant.callerIdStrategy],
      ['Calls per second', tenant.limits?.callsPerSecond], ['Concurrent calls', tenant.limits?.concurrentCalls],
      ['Timeline retention', tenant.timelineRetentionDays ? `${tenant.timelineRetentionDays} days` : null],
      ['Version', tenant.version],
    ];
    replace(body, h('dl', {class: 'record', id: 'tenant-record'},
      rows.map(([name, value]) => [h('dt', {text: name}), h('dd', {text: text(value)})])));
  }).catch((e) => {
    replace(body, state('error', e instanceof ApiError && e.status === 403
      ? 'Your sign-in may not read this tenant (it needs the admin role).' : `The tenant could not be read: ${e.message}`));
  }).finally(() => body.setAttribute('aria-busy', 'false'));
}
