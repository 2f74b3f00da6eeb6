// Live flows: the connections workloads open through the proxy, as localvpc's flow recorder holds them (the last
// 1,000 per account and region). The panel asks GET /_localvpc/console/flows every POLL_MILLIS with the cursor of its
// last answer, so each answer carries only new flows, flows that closed since, and the open ones (their bytes move);
// it merges them by id. Refused flows are marked and show the hop that refused them.
import { h, none } from './dom.js';
import { getJson } from './http.js';

const POLL_MILLIS = 300;
const SHOWN = 200;

let scope = null;
let flows = new Map();
let cursor = 0;
let epoch = null; // the recorder's; it changes when a reset cleared it, and then what the page holds goes too
let generation = 0; // bumped when the scope or a filter changes, so an answer to the old question is dropped
let capacity = 1000;
let lastDrawn = '';
let drawn = new Map(); // id -> { text, tr }: a row is made again only when its flow changed
let panel;
let filters;
let body;
let count;

export function attach(el) {
  panel = el;
  filters = {
    vpc: select('flows-vpc', 'VPC', [['', 'Any VPC']]),
    instance: select('flows-instance', 'Instance or interface', [['', 'Any instance or interface']]),
    verdict: select('flows-verdict', 'Verdict', [['', 'Any verdict'], ['ACCEPT', 'ACCEPT'], ['REJECT', 'REJECT']]),
  };
  for (const f of Object.values(filters)) f.select.addEventListener('change', restart);
  count = h('p', { class: 'muted flow-count' });
  body = h('tbody', {});
  panel.replaceChildren(
    h('p', { class: 'muted' }, 'Each connection a workload opens through the proxy, as it happens: where from and to, the way it '
      + 'took, whether the network let it through (ACCEPT) or refused it (REJECT, with the hop that decided), and its bytes while it is open.'),
    h('form', { class: 'flow-filters', 'aria-label': 'Flow filters', onsubmit: e => e.preventDefault() }, Object.values(filters).map(f => f.field)),
    count,
    // It scrolls once there are many flows: focusable, so a keyboard can scroll it too.
    h('div', { class: 'flows-scroll', tabindex: '0', role: 'region', 'aria-label': 'Live flows table' },
      h('table', { class: 'flows' },
        h('caption', { class: 'visually-hidden' }, 'Live flows, newest first'),
        h('thead', {}, h('tr', {}, ['Started', 'Source', 'Destination', 'Path', 'Verdict', 'Sent', 'Received', 'State']
          .map(c => h('th', { scope: 'col' }, c)))),
        body)));
  poll();
}

function select(id, label, options) {
  const s = h('select', { id, name: id }, options.map(([value, text]) => h('option', { value }, text)));
  return { select: s, field: h('div', { class: 'field' }, h('label', { for: id }, label), s) };
}

/** The account and region whose flows to show. */
export function setScope(account, region) {
  const next = account ? { account, region } : null;
  if (JSON.stringify(next) === JSON.stringify(scope)) return;
  scope = next;
  restart();
}

/** The VPCs, instances and interfaces of the account and region, offered as filters (a chosen one is kept). */
export function offerFilters(data) {
  const vpcs = data.vpcs.map(v => [v.id, v.name ? `${v.id} ${v.name}` : v.id]);
  const sources = [];
  for (const v of data.vpcs) {
    for (const i of v.instances) sources.push([i.id, `${i.id}${i.name ? ' ' + i.name : ''} (${i.privateIp})`]);
    for (const e of v.networkInterfaces) sources.push([e.id, `${e.id} (${e.privateIp})`]);
  }
  offer(filters.vpc.select, [['', 'Any VPC'], ...vpcs]);
  offer(filters.instance.select, [['', 'Any instance or interface'], ...sources]);
}

function offer(s, options) {
  const chosen = s.value;
  const text = JSON.stringify(options);
  if (s.dataset.offered === text) return;
  s.dataset.offered = text;
  if (chosen && !options.some(([value]) => value === chosen)) options.push([chosen, chosen]);
  s.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
  s.value = chosen;
}

function restart() {
  generation++;
  flows = new Map();
  cursor = 0;
  lastDrawn = '';
  drawn = new Map();
  draw();
}

async function refresh() {
  if (!scope) return;
  const asked = generation;
  const q = new URLSearchParams({ account: scope.account, region: scope.region, after: String(cursor) });
  for (const [name, f] of Object.entries(filters)) if (f.select.value) q.set(name, f.select.value);
  const answer = await getJson(`/_localvpc/console/flows?${q}`);
  if (asked !== generation) return;
  capacity = answer.capacity;
  if (epoch !== null && answer.epoch !== epoch) flows = new Map();
  epoch = answer.epoch;
  cursor = answer.cursor;
  for (const f of answer.flows) flows.set(f.id, f);
  // Forget what the recorder has forgotten too, beyond what the page shows.
  if (flows.size > capacity) [...flows.keys()].sort((a, b) => a - b).slice(0, flows.size - capacity).forEach(id => flows.delete(id));
  draw();
}

function poll() {
  refresh().catch(e => { count.textContent = `Cannot read the flows: ${e.message}`; })
    .finally(() => setTimeout(poll, POLL_MILLIS));
}

function draw() {
  const newest = [...flows.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN);
  const text = JSON.stringify(newest);
  if (text === lastDrawn) return;
  lastDrawn = text;
  const filtered = Object.values(filters).some(f => f.select.value);
  count.textContent = !scope ? '' : flows.size === 0 ? ''
    : `${flows.size} flow${flows.size === 1 ? '' : 's'}${filtered ? ' matching the filters' : ''}`
      + `${flows.size > SHOWN ? `, the newest ${SHOWN} shown` : ''} (localvpc keeps the last ${capacity.toLocaleString()} per account and region).`;
  if (!newest.length) {
    drawn = new Map();
    body.replaceChildren(h('tr', {}, h('td', { colspan: 8 }, none(!scope ? 'No account or region holds resources yet.'
      : filtered ? 'No flow matches the filters.' : 'No connections yet: a program run as an instance (localvpc exec) makes them.'))));
    return;
  }
  // Rows whose flow did not change stay the same elements, so a reader's selection (or a test's hold) survives a poll.
  const next = new Map();
  for (const f of newest) {
    const text = JSON.stringify(f);
    const had = drawn.get(f.id);
    next.set(f.id, had && had.text === text ? had : { text, tr: row(f) });
  }
  const before = [...drawn.keys()];
  const sameRows = next.size === before.length && [...next.keys()].every((id, i) => before[i] === id);
  if (sameRows) {
    for (const [id, r] of next) if (drawn.get(id).tr !== r.tr) drawn.get(id).tr.replaceWith(r.tr);
  } else {
    body.replaceChildren(...[...next.values()].map(r => r.tr));
  }
  drawn = next;
}

function row(f) {
  const refused = f.verdict === 'REJECT';
  const source = f.source.networkInterfaceId && f.source.networkInterfaceId !== f.source.id
    ? [h('code', {}, f.source.id), h('span', { class: 'detail' }, `${f.source.networkInterfaceId} · ${f.source.address}`)]
    : [h('code', {}, f.source.id), f.source.address ? h('span', { class: 'detail' }, f.source.address) : null];
  const address = f.destination.address && f.destination.address !== f.destination.name ? f.destination.address : null;
  return h('tr', {
    class: `flow ${refused ? 'refused' : 'accepted'} ${f.state}`,
    'data-flow-id': f.id, 'data-verdict': f.verdict, 'data-state': f.state, 'data-source': f.source.id,
    'data-vpc-id': f.source.vpcId,
  },
  h('td', { class: 'when' }, new Date(f.started).toLocaleTimeString()),
  h('td', { class: 'source' }, source),
  h('td', { class: 'destination' }, h('code', {}, `${f.destination.name}:${f.destination.port}`),
    address ? h('span', { class: 'detail' }, address) : null),
  h('td', { class: 'path' }, f.path ?? h('span', { class: 'muted' }, 'none'),
    f.decidingHop ? h('span', { class: 'deciding-hop', 'data-kind': f.decidingHop.kind, 'data-resource': f.decidingHop.resource },
      h('span', { class: 'mark', 'aria-label': 'refused by' }, '✗'), ' ', h('span', { class: 'text' }, f.decidingHop.text)) : null,
    f.note ? h('span', { class: 'note' }, f.note) : null),
  h('td', { class: 'verdict' }, h('span', { class: `badge verdict-badge ${refused ? 'reject' : 'accept'}` }, f.verdict)),
  h('td', { class: 'bytes-out num' }, f.bytesOut.toLocaleString()),
  h('td', { class: 'bytes-in num' }, f.bytesIn.toLocaleString()),
  h('td', { class: 'state' }, f.state));
}
