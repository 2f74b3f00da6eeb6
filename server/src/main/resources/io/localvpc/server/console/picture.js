// Each VPC as a picture: an edge band (internet gateways, gateway endpoints, and what is not modelled yet: NLBs
// and endpoint services), a band of route tables, and one column per Availability Zone with the subnets in it
// and what sits in each subnet (NAT gateways, endpoint interfaces, instances, other interfaces). An SVG layer
// draws a line from each route table to the subnets it serves and to what its routes point at.
import { h, s, labelled, none } from './dom.js';

/** VPCs whose fold the reader opened or closed, by id, so a redraw keeps it. */
const folds = new Map();

export function render(container, data) {
  const vpcs = [...data.vpcs].sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.id.localeCompare(b.id));
  container.replaceChildren(...(vpcs.length ? vpcs.map(vpc => vpcCard(vpc)) : [none('No VPCs in this account and region.')]));
  for (const picture of container.querySelectorAll('.picture')) drawLinks(picture);
}

function vpcCard(vpc) {
  const open = folds.has(vpc.id) ? folds.get(vpc.id) : !vpc.isDefault;
  const details = h('details', { open },
    h('summary', {},
      h('h3', { id: `title-${vpc.id}` }, 'VPC ', labelled(vpc.id, vpc.name)),
      h('span', { class: 'cidr' }, vpc.cidrs.join(', ')),
      vpc.isDefault ? h('span', { class: 'badge' }, 'default VPC') : null,
      h('span', { class: 'muted counts' }, `${vpc.subnets.length} subnets · ${vpc.endpoints.length} endpoints · ${vpc.instances.length} instances`)),
    picture(vpc));
  details.addEventListener('toggle', () => {
    folds.set(vpc.id, details.open);
    if (details.open) drawLinks(details.querySelector('.picture'));
  });
  return h('article', { class: 'vpc', 'data-vpc-id': vpc.id, 'aria-labelledby': `title-${vpc.id}` }, details);
}

function picture(vpc) {
  const zones = h('div', { class: 'zones' }, vpc.zones.map(z => zoneColumn(vpc, z)));
  zones.style.gridTemplateColumns = `repeat(${Math.max(vpc.zones.length, 1)}, minmax(15rem, 1fr))`;
  const pic = h('div', { class: 'picture' },
    h('div', { class: 'band edge', role: 'group', 'aria-label': `Gateways and services of ${vpc.id}` }, edgeItems(vpc)),
    h('div', { class: 'band tables', role: 'group', 'aria-label': `Route tables of ${vpc.id}` }, vpc.routeTables.map(t => routeTable(vpc, t))),
    vpc.zones.length ? zones : none('No subnets yet.'),
    s('svg', { class: 'links', 'aria-hidden': 'true' }));
  new ResizeObserver(() => drawLinks(pic)).observe(pic);
  return pic;
}

/** What sits at the VPC's edge. NLBs and endpoint services are drawn from their lists once localvpc models them. */
function edgeItems(vpc) {
  const items = [];
  for (const g of vpc.internetGateways) {
    items.push(h('div', { class: 'edge-item igw', 'data-igw-id': g.id, 'data-link': g.id }, h('span', { class: 'kind' }, 'Internet gateway'), labelled(g.id, g.name)));
  }
  for (const e of vpc.endpoints.filter(e => e.type === 'Gateway')) {
    items.push(h('div', { class: `edge-item gateway-endpoint state-${e.state}`, 'data-endpoint-id': e.id, 'data-link': e.id },
      h('span', { class: 'kind' }, 'Gateway endpoint'), labelled(e.id, e.name),
      h('span', { class: 'detail' }, `${e.service} · ${e.state}`),
      h('span', { class: 'detail' }, e.routeTableIds.length ? `on ${e.routeTableIds.join(', ')}` : 'on no route table')));
  }
  // Extension point: provider-side PrivateLink. The server sends these lists empty until NLBs and endpoint
  // services exist; each item needs only an id, a kind and a name to be drawn here.
  for (const lb of vpc.loadBalancers) items.push(h('div', { class: 'edge-item load-balancer', 'data-load-balancer-id': lb.id, 'data-link': lb.id }, h('span', { class: 'kind' }, lb.kind || 'Load balancer'), labelled(lb.id, lb.name)));
  for (const es of vpc.endpointServices) items.push(h('div', { class: 'edge-item endpoint-service', 'data-endpoint-service-id': es.id, 'data-link': es.id }, h('span', { class: 'kind' }, 'Endpoint service'), labelled(es.id, es.name)));
  if (!items.length) items.push(none('No internet gateway or gateway endpoint.'));
  return items;
}

function routeTable(vpc, t) {
  const endpoints = vpc.endpoints.filter(e => e.type === 'Gateway' && e.routeTableIds.includes(t.id));
  return h('div', { class: 'route-table', 'data-route-table-id': t.id },
    h('div', { class: 'head' }, h('span', { class: 'kind' }, 'Route table'), labelled(t.id, t.name), t.main ? h('span', { class: 'badge' }, 'main') : null),
    h('table', { class: 'routes' },
      h('caption', { class: 'visually-hidden' }, `Routes of ${t.id}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Destination'), h('th', { scope: 'col' }, 'Target'), h('th', { scope: 'col' }, 'State'))),
      h('tbody', {}, t.routes.map(r => h('tr', { class: `route ${r.state}` },
        h('td', {}, h('code', {}, r.destination)),
        h('td', {}, h('code', { class: `target ${r.targetKind}` }, r.target ?? '—')),
        h('td', {}, r.state))))),
    h('p', { class: 'assoc' }, t.subnetIds.length ? `Subnets: ${t.subnetIds.join(', ')}` : t.main ? 'Serves subnets without a table of their own' : 'No subnets'),
    endpoints.length ? h('p', { class: 'assoc' }, 'Gateway endpoints: ', endpoints.map(e => h('code', { class: 'chip endpoint' }, e.id))) : null);
}

function zoneColumn(vpc, zone) {
  return h('section', { class: `zone${zone.down ? ' down' : ''}`, 'data-zone': zone.name, 'data-zone-id': zone.id, 'aria-label': `Availability Zone ${zone.name} of ${vpc.id}` },
    h('h4', {}, zone.name, ' ', h('span', { class: 'zone-id' }, zone.id), zone.down ? h('span', { class: 'badge down' }, 'zone down') : null),
    vpc.subnets.filter(sn => sn.zone === zone.name).map(sn => subnet(vpc, sn)));
}

function subnet(vpc, sn) {
  const members = [];
  for (const n of vpc.natGateways.filter(n => n.subnetId === sn.id)) {
    members.push(h('li', { class: 'member nat', 'data-nat-id': n.id, 'data-link': n.id },
      h('span', { class: 'kind' }, 'NAT gateway'), labelled(n.id, n.name),
      h('span', { class: 'detail' }, [n.privateIp, n.publicIp].filter(Boolean).join(' → '), ` · ${n.state}`)));
  }
  for (const e of vpc.endpoints.filter(e => e.type === 'Interface')) {
    for (const eni of e.interfaces.filter(i => i.subnetId === sn.id)) {
      members.push(h('li', { class: `member endpoint-eni${eni.zoneDown ? ' out' : ''}`, 'data-endpoint-id': e.id, 'data-eni-id': eni.id },
        h('span', { class: 'kind' }, 'Interface endpoint'), h('code', { class: 'id' }, e.id),
        h('span', { class: 'detail' }, `${shortService(e.service)} · `, h('code', {}, eni.id), ` · ${eni.privateIp}`),
        eni.zoneDown ? h('span', { class: 'badge down' }, 'out of service (zone down)') : null));
    }
  }
  for (const i of vpc.instances.filter(i => i.subnetId === sn.id)) {
    members.push(h('li', { class: `member instance state-${i.state}`, 'data-instance-id': i.id },
      h('span', { class: 'kind' }, 'Instance'), labelled(i.id, i.name),
      h('span', { class: 'detail' }, [i.privateIp, i.publicIp].filter(Boolean).join(' · '), ` · ${i.state}`)));
  }
  for (const eni of vpc.networkInterfaces.filter(e => e.subnetId === sn.id)) {
    members.push(h('li', { class: 'member eni', 'data-eni-id': eni.id },
      h('span', { class: 'kind' }, 'Network interface'), labelled(eni.id, eni.name), h('span', { class: 'detail' }, eni.privateIp)));
  }
  return h('div', { class: `subnet ${sn.exposure}`, 'data-subnet-id': sn.id, 'data-route-table-id': sn.routeTableId, 'data-exposure': sn.exposure },
    h('div', { class: 'head' }, h('span', { class: 'kind' }, sn.exposure === 'public' ? 'Public subnet' : 'Private subnet'), labelled(sn.id, sn.name)),
    h('p', { class: 'detail' }, h('code', {}, sn.cidr), ` · ${sn.exposureReason}`),
    h('p', { class: 'detail' }, 'Route table ', h('code', {}, sn.routeTableId ?? 'none'), sn.routeTableIsImplicit ? ' (main)' : ''),
    members.length ? h('ul', { class: 'members' }, members) : none('Empty.'));
}

function shortService(name) {
  const parts = name.split('.');
  return parts[parts.length - 1];
}

/** Lines from each route table to its subnets and to the targets of its routes, redrawn when the layout moves. */
function drawLinks(pic) {
  if (!pic || !pic.isConnected || pic.offsetParent === null) return;
  const svg = pic.querySelector('svg.links');
  const box = pic.getBoundingClientRect();
  svg.setAttribute('width', pic.scrollWidth);
  svg.setAttribute('height', pic.scrollHeight);
  const paths = [];
  const at = (el, edge) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - box.left + r.width / 2, y: (edge === 'top' ? r.top : r.bottom) - box.top };
  };
  for (const table of pic.querySelectorAll('.route-table')) {
    const id = table.dataset.routeTableId;
    for (const sn of pic.querySelectorAll(`.subnet[data-route-table-id="${CSS.escape(id)}"]`)) {
      paths.push(curve(at(table, 'bottom'), at(sn, 'top'), 'to-subnet', id));
    }
    for (const code of table.querySelectorAll('code.target')) {
      const target = pic.querySelector(`[data-link="${CSS.escape(code.textContent)}"]`);
      if (!target) continue;
      const up = target.closest('.edge') !== null;
      paths.push(up ? curve(at(table, 'top'), at(target, 'bottom'), 'to-edge', id) : curve(at(table, 'bottom'), at(target, 'top'), 'to-nat', id));
    }
  }
  svg.replaceChildren(...paths);
}

function curve(a, b, kind, tableId) {
  const mid = (a.y + b.y) / 2;
  return s('path', { d: `M${a.x},${a.y} C${a.x},${mid} ${b.x},${mid} ${b.x},${b.y}`, class: kind, 'data-route-table': tableId });
}
