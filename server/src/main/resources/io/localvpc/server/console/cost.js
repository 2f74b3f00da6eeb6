// Cost: the bill so far for the chosen account and region at AWS's us-east-1 prices (GET /_localvpc/cost), each
// endpoint, NAT gateway and internet gateway with its hours, bytes and charges, and for each VPC and service the same
// bytes on the other paths. Asked again every POLL_MILLIS; redrawn only when the answer changed.
import { h } from './dom.js';
import { getJson } from './http.js';

const POLL_MILLIS = 2000;

let panel;
let scope = null;
let last = '';
let generation = 0;

export function attach(el) {
  panel = el;
  poll();
}

/** The account and region whose bill to show. */
export function setScope(account, region) {
  const next = account ? { account, region } : null;
  if (JSON.stringify(next) === JSON.stringify(scope)) return;
  scope = next;
  last = '';
  generation++;
  refresh();
}

function poll() {
  refresh().finally(() => setTimeout(poll, POLL_MILLIS));
}

async function refresh() {
  if (!panel) return;
  if (!scope) {
    draw(null);
    return;
  }
  const asked = generation;
  try {
    const bill = await getJson(`/_localvpc/cost?account=${encodeURIComponent(scope.account)}&region=${encodeURIComponent(scope.region)}`);
    if (asked !== generation) return; // another account or region was picked meanwhile
    const text = JSON.stringify({ resources: bill.resources, traffic: bill.traffic, total: bill.total });
    if (text === last) return;
    last = text;
    draw(bill);
  } catch (e) {
    panel.replaceChildren(h('p', { class: 'muted' }, `The bill cannot be read: ${e.message}`));
  }
}

function dollars(amount) {
  const n = Number(amount);
  return `$${n >= 0.01 || n === 0 ? n.toFixed(2) : n.toPrecision(2)}`;
}

function draw(bill) {
  if (!bill) {
    panel.replaceChildren(h('p', { class: 'muted' }, 'No account or region in use yet.'));
    return;
  }
  const rows = bill.resources.map(r => h('tr', { class: 'cost-line', 'data-resource': r.id },
    h('th', { scope: 'row' }, r.id),
    h('td', {}, r.kind.replace(/-/g, ' ')),
    h('td', {}, r.vpcId ?? ''),
    h('td', {}, r.kind === 'interface-endpoint' ? `${r.hours} h × ${r.zones} zones` : `${r.hours} h`),
    h('td', { class: 'num' }, String(r.bytesProcessed)),
    h('td', { class: 'num' }, dollars(r.hourly)),
    h('td', { class: 'num' }, dollars(r.processing)),
    h('td', { class: 'num' }, dollars(r.acrossZones)),
    h('td', { class: 'num cost-total' }, dollars(r.total))));
  panel.replaceChildren(
    h('p', {}, h('strong', {}, 'Bill so far: ', h('span', { id: 'cost-total', 'data-total': String(bill.total) }, dollars(bill.total))),
      ' ', h('span', { class: 'muted' }, `(${bill.prices}; a started hour bills whole, a GB is 2^30 bytes)`)),
    bill.resources.length === 0
      ? h('p', { class: 'muted' }, 'No endpoint, NAT gateway or metered traffic in this account and region yet.')
      : h('table', { class: 'cost' },
        h('caption', { class: 'visually-hidden' }, 'Cost by resource'),
        h('thead', {}, h('tr', {}, ['Resource', 'Kind', 'VPC', 'Hours', 'Bytes', 'By the hour', 'Processing', 'Across zones', 'Total']
          .map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows)),
    bill.traffic.length === 0 ? null : h('h3', {}, 'The same traffic on the other paths'),
    bill.traffic.length === 0 ? null : h('ul', { class: 'cost-what-if' }, bill.traffic.map(t => h('li', { 'data-via': t.via }, t.summary))));
}
