// Panels for what localvpc does not build yet. Nothing here is made up: each says what is missing.
//
// Extension point: when meters exist (the cost issue), give the cost panel a render(el) that reads its own admin
// endpoint (for instance GET /_localvpc/console/cost for the bill and the NAT-versus-endpoint what-if) and replace
// the placeholder below with it, as live flows (flows.js) replaced theirs. console.js calls every panel's render
// once the page loads.
import { h } from './dom.js';

export const panels = [
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
