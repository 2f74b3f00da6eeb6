// The endpoints of every VPC in the account and region: type, service, state, DNS names, interfaces by
// Availability Zone with the zone-fault switch of each zone, and the policy, formatted.
import { h, labelled, none } from './dom.js';

export function render(container, data, onSwitch) {
  const cards = [];
  for (const vpc of data.vpcs) for (const e of vpc.endpoints) cards.push(card(vpc, e, onSwitch));
  container.replaceChildren(...(cards.length ? cards : [none('No VPC endpoints in this account and region.')]));
}

function card(vpc, e, onSwitch) {
  const fields = [
    ['Type', e.type], ['Service', e.service], ['State', e.state], ['VPC', vpc.id],
  ];
  if (e.type === 'Interface') {
    fields.push(['Private DNS', e.privateDnsEnabled ? 'enabled' : 'disabled']);
    fields.push(['Security groups', e.groupIds.join(', ') || 'none']);
  } else {
    fields.push(['Route tables', e.routeTableIds.join(', ') || 'none']);
  }
  return h('article', { class: `endpoint-card state-${e.state}`, 'data-endpoint-id': e.id, 'aria-labelledby': `ep-${e.id}` },
    h('h3', { id: `ep-${e.id}` }, `${e.type} endpoint `, labelled(e.id, e.name)),
    h('dl', { class: 'fields' }, fields.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-field': k.toLowerCase() }, v)])),
    e.type === 'Interface' ? interfaces(e, onSwitch) : null,
    e.type === 'Interface' ? dnsNames(e) : null,
    h('h4', {}, 'Policy'),
    h('pre', { class: 'policy', tabindex: '0', 'aria-label': `Policy of ${e.id}` }, formatPolicy(e.policy)));
}

function dnsNames(e) {
  return [h('h4', {}, 'DNS names'),
    e.dnsNames.length ? h('ul', { class: 'dns-names' }, e.dnsNames.map(d => h('li', {}, h('code', {}, d.name), h('span', { class: 'muted' }, ` (zone ${d.hostedZoneId})`))))
      : none('No DNS names.')];
}

function interfaces(e, onSwitch) {
  if (!e.interfaces.length) return [h('h4', {}, 'Interfaces by Availability Zone'), none('No network interfaces.')];
  const rows = [...e.interfaces].sort((a, b) => a.zone.localeCompare(b.zone)).map(i => h('tr', { 'data-eni-id': i.id, 'data-zone-id': i.zoneId },
    h('td', {}, i.zone, h('span', { class: 'detail zone-id' }, i.zoneId)),
    h('td', {}, h('code', {}, i.id), h('span', { class: 'detail' }, 'in ', h('code', {}, i.subnetId))),
    h('td', {}, h('code', {}, i.privateIp)),
    h('td', {}, zoneSwitch(i, onSwitch))));
  return [h('h4', {}, 'Interfaces by Availability Zone'),
    h('table', { class: 'interfaces' },
      h('caption', { class: 'visually-hidden' }, `Network interfaces of ${e.id}`),
      h('thead', {}, h('tr', {}, ['Zone', 'Interface', 'Address', 'Zone in service'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))];
}

/**
 * A switch per zone: on while the zone serves, off while a zone fault has taken it down. It is the same fault
 * `localvpc fault az <zone-id> down|up` sets, for the whole localvpc, not only this endpoint.
 */
function zoneSwitch(i, onSwitch) {
  const up = !i.zoneDown;
  return h('button', {
    type: 'button', role: 'switch', class: `zone-switch ${up ? 'up' : 'down'}`, 'aria-checked': String(up), 'data-zone-id': i.zoneId,
    'aria-label': `Zone ${i.zoneId} in service`,
    title: up ? `Take ${i.zoneId} down: DNS stops answering with its interfaces and connections through them are cut`
      : `Bring ${i.zoneId} back into service`,
    onclick: event => onSwitch(i.zoneId, up, event.currentTarget),
  }, up ? 'in service' : 'down');
}

/** Policies are JSON; shown indented. A text that does not parse is shown as it is. */
export function formatPolicy(text) {
  if (!text) return '(no policy)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
