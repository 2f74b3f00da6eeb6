// The trace form: POST /_localvpc/trace with what the form says, shown as `localvpc trace` prints it, one line per
// hop, the refusing hop marked.
import { h } from './dom.js';
import { postJson } from './http.js';

export function attach(form, result) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const f = new FormData(form);
    const request = { source: f.get('source').trim(), destination: f.get('destination').trim(), port: Number(f.get('port')) };
    const action = f.get('action').trim();
    if (action) {
      request.action = action;
      request.resource = f.get('resource').trim() || '*';
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    result.replaceChildren(h('p', { class: 'muted' }, 'Tracing…'));
    try {
      result.replaceChildren(...verdict(request, await postJson('/_localvpc/trace', request)));
    } catch (e) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The trace could not be made: ${e.message}`));
    } finally {
      button.disabled = false;
    }
  });
}

function verdict(request, v) {
  const delivered = v.verdict === 'delivered';
  const out = [
    h('p', { class: `verdict ${v.verdict}`, 'data-verdict': v.verdict },
      h('strong', {}, delivered ? 'DELIVERED' : 'REFUSED'), ` ${request.source} → ${request.destination}:${request.port}`),
    h('p', { class: 'summary' }, v.summary),
  ];
  const deciding = v.hops.findIndex(hop => !hop.passed);
  out.push(h('ol', { class: 'hops' }, v.hops.map((hop, n) => h('li', {
    class: `hop ${hop.passed ? 'passed' : 'refused'}${n === deciding ? ' deciding' : ''}`,
    'data-kind': hop.kind, 'data-resource': hop.resource,
  }, h('span', { class: 'mark', 'aria-label': hop.passed ? 'passed' : 'refused' }, hop.passed ? '✓' : '✗'), ' ', h('span', { class: 'text' }, hop.text)))));
  if (v.policy) {
    out.push(h('p', { class: `policy-verdict ${v.policy.allowed ? 'passed' : 'refused'}` },
      h('span', { class: 'mark', 'aria-label': v.policy.allowed ? 'allowed' : 'denied' }, v.policy.allowed ? '✓' : '✗'),
      ` ${v.policy.action} on ${v.policy.resource}: ${v.policy.reason}`));
  }
  return out;
}

/** The instances and interfaces of the account and region, offered as sources. */
export function offerSources(datalist, data) {
  const options = [];
  for (const vpc of data.vpcs) {
    for (const i of vpc.instances) options.push(h('option', { value: i.id }, `${i.name ? i.name + ' · ' : ''}${i.privateIp} · ${i.state} · ${vpc.id}`));
    for (const e of vpc.networkInterfaces) options.push(h('option', { value: e.id }, `${e.privateIp} · ${vpc.id}`));
  }
  datalist.replaceChildren(...options);
}
