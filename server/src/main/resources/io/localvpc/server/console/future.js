// Panels for what localvpc does not build yet. Nothing here is made up: each says what is missing.
//
// Extension point: when flow logs and meters exist (the flow-log and cost issue), give each panel a render(el)
// that reads its own admin endpoint (for instance GET /_localvpc/console/flows for connections with their verdict,
// deciding hop and bytes, filterable by VPC, instance and verdict; GET /_localvpc/console/cost for the bill and the
// NAT-versus-endpoint what-if) and replace the placeholder below with it. console.js calls every panel's render
// once the page loads.
import { h } from './dom.js';

export const panels = [
  {
    id: 'flows-panel',
    render(el) {
      el.replaceChildren(placeholder('Live flows are not built yet.',
        'localvpc does not record flows yet (no flow logs), so there are no connections to show here. '
        + 'To see how one connection would be decided, use the trace above; a refused connection also names its deciding hop '
        + 'in its proxy reply (X-Localvpc-Refused) and in the server log.'));
    },
  },
  {
    id: 'cost-panel',
    render(el) {
      el.replaceChildren(placeholder('Cost is not built yet.',
        'localvpc does not meter bytes and hours yet, so there is no bill and no NAT-versus-endpoint comparison to show.'));
    },
  },
];

function placeholder(title, text) {
  return h('div', { class: 'placeholder', 'data-placeholder': 'not-built-yet' },
    h('p', {}, h('span', { class: 'badge' }, 'not built yet'), ' ', h('strong', {}, title)),
    h('p', { class: 'muted' }, text));
}
