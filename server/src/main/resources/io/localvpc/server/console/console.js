// The console's page: picks an account and region, draws what localvpc holds there and keeps it current by asking
// again every second (the answer is small and comes from an in-memory snapshot); it redraws only when the answer
// changed, so a reader's place and the trace form are left alone.
import { getJson, switchZone } from './http.js';
import * as picture from './picture.js';
import * as endpoints from './endpoints.js';
import * as trace from './trace.js';
import * as flows from './flows.js';
import * as cost from './cost.js';

const POLL_MILLIS = 1000;
const scopeSelect = document.getElementById('scope');
const status = document.getElementById('status');
let chosen = sessionStorage.getItem('localvpc.scope');
let lastScopes = '';
let lastPicture = '';

function scopeKey(s) {
  return `${s.account}/${s.region}`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function refreshScopes() {
  const answer = await getJson('/_localvpc/console/scopes');
  const keys = answer.scopes.map(scopeKey);
  if (!keys.includes(chosen)) chosen = keys.includes(scopeKey(answer.defaultScope)) ? scopeKey(answer.defaultScope) : keys[0] ?? null;
  const text = JSON.stringify(answer.scopes);
  if (text !== lastScopes) {
    lastScopes = text;
    scopeSelect.replaceChildren(...answer.scopes.map(s => {
      const o = document.createElement('option');
      o.value = scopeKey(s);
      o.textContent = `${s.account} · ${s.region} (${plural(s.vpcs, 'VPC')}, ${plural(s.endpoints, 'endpoint')}, ${plural(s.instances, 'instance')})`;
      return o;
    }));
  }
  if (chosen) scopeSelect.value = chosen;
}

async function refreshPicture() {
  flows.setScope(...(chosen ? chosen.split('/') : []));
  cost.setScope(...(chosen ? chosen.split('/') : []));
  if (!chosen) {
    lastPicture = '';
    picture.render(document.getElementById('vpcs'), { vpcs: [] });
    endpoints.render(document.getElementById('endpoint-list'), { vpcs: [] }, onSwitch);
    return;
  }
  const asked = chosen;
  const [account, region] = asked.split('/');
  const data = await getJson(`/_localvpc/console/vpcs?account=${encodeURIComponent(account)}&region=${encodeURIComponent(region)}`);
  // A poll that was under way when the reader picked another account or region must not draw the old one over it.
  if (asked !== chosen) return;
  const text = JSON.stringify(data);
  if (text === lastPicture) return;
  lastPicture = text;
  picture.render(document.getElementById('vpcs'), data);
  endpoints.render(document.getElementById('endpoint-list'), data, onSwitch);
  trace.offerSources(document.getElementById('trace-sources'), data);
  flows.offerFilters(data);
  status.textContent = `${account} · ${region}: updated at ${new Date().toLocaleTimeString()}`;
}

async function refresh() {
  try {
    await refreshScopes();
    await refreshPicture();
  } catch (e) {
    status.textContent = `Cannot read localvpc's state: ${e.message}`;
  }
}

async function onSwitch(zoneId, takeDown, button) {
  button.disabled = true;
  try {
    await switchZone(zoneId, takeDown);
    await refresh();
  } catch (e) {
    status.textContent = `The zone fault could not be switched: ${e.message}`;
    button.disabled = false;
  }
}

function poll() {
  refresh().finally(() => setTimeout(poll, POLL_MILLIS));
}

scopeSelect.addEventListener('change', () => {
  chosen = scopeSelect.value;
  sessionStorage.setItem('localvpc.scope', chosen);
  lastPicture = '';
  refresh();
});
trace.attach(document.getElementById('trace-form'), document.getElementById('trace-result'));
flows.attach(document.getElementById('flows-panel'));
cost.attach(document.getElementById('cost-panel'));
getJson('/_localvpc/health').then(hl => {
  document.getElementById('version').textContent = `${hl.version} · EC2 API at ${location.origin}`;
}).catch(() => {});
poll();
