// Building the page from data without ever parsing it as HTML: names and tags are the user's, so every text goes in
// as a text node.

/** An element with attributes (false/null left out, true as an empty attribute, on… as listeners) and children. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  set(el, attrs);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  set(el, attrs);
  append(el, children);
  return el;
}

function set(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k === 'className' ? 'class' : k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** An id with its Name tag, as the AWS console shows them. */
export function labelled(id, name) {
  return [h('code', { class: 'id' }, id), name ? h('span', { class: 'name' }, ` ${name}`) : null];
}

/** Text for an empty place, so the page never shows a blank where a reader expects something. */
export function none(text) {
  return h('p', { class: 'none' }, text);
}
