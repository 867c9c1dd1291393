// What the staff pages (the desk, the knowledge page) share: making elements, the message line (#message), and
// requests to the page's data path with the session's CSRF token, a refusal thrown with the service's own reason
// (the problem detail), so a button can say plainly why it could not be done.
window.StaffPage = function (data) {
  'use strict';

  const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function say(text, ok) {
    const message = document.getElementById('message');
    message.textContent = text || '';
    message.dataset.kind = ok ? 'ok' : 'error';
  }

  async function send(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers[csrfHeader] = csrfToken;
    const response = await fetch(data + path, {method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      throw new Error(json && json.detail ? json.detail : response.status + ' ' + response.statusText);
    }
    return json;
  }

  function when(instant) {
    return instant ? new Date(instant).toLocaleString('zh-CN', {hour12: false}) : '';
  }

  return {el: el, say: say, send: send, when: when};
};
