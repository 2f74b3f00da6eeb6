// The console's requests. All go to the server that served the page (same origin), so the browser marks them
// Sec-Fetch-Site: same-origin and localvpc's cross-site guard lets them through. The two writes (zone faults,
// traces) send Content-Type: application/json, as the guard requires of admin calls that change state.

async function answer(response) {
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { error: `${response.status} ${response.statusText}: ${text.slice(0, 200)}` };
  }
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

export async function getJson(path) {
  return answer(await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }));
}

export async function postJson(path, value) {
  return answer(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(value ?? {}),
  }));
}

/** Takes an Availability Zone out (down = true) or brings it back, by zone id. */
export function switchZone(zoneId, down) {
  return postJson(`/_localvpc/faults/az/${encodeURIComponent(zoneId)}/${down ? 'down' : 'up'}`, {});
}
