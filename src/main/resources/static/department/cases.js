// The department's cases (承办单位): the inbox, one case, sign for / return with a reason / reply in writing.
// Reads /department/data with the page's login session; changes send the session's CSRF token.
(function () {
  'use strict';

  const DATA = '/department/data';
  const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const RESULTS = {
    finding: [['SUBSTANTIATED', '属实'], ['PARTLY_SUBSTANTIATED', '部分属实'], ['NOT_SUBSTANTIATED', '不属实']],
    other: [['', '—'], ['RESOLVED', '已解决'], ['EXPLAINED', '已解释说明'], ['UNRESOLVED', '未解决']]
  };
  const ACTIONS = {
    REGISTERED: '登记', NOTE: '备注', CALL_LINKED: '关联来电', HANDED_OFF: '交办', SIGNED_FOR: '签收', RETURNED: '退回',
    REPLIED: '答复', CLOSED: '办结', REOPENED: '重新办理', REASSIGNED: '改派', OWNER_CHANGED: '更换首问',
    EXTENSION_REQUESTED: '申请延期', EXTENDED: '延期', REMINDED: '到期提醒', ESCALATED: '督办', QUALITY_REVIEW: '转质检'
  };
  let done = false;
  let current = null;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function when(instant) {
    if (!instant) return '';
    const d = new Date(instant);
    const two = n => (n < 10 ? '0' : '') + n;
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':'
      + two(d.getMinutes());
  }

  function say(text, ok) {
    const message = document.getElementById('message');
    message.textContent = text;
    message.className = ok ? 'ok' : 'error';
  }

  async function call(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (method !== 'GET') {
      headers[csrfHeader] = csrfToken;
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(DATA + path, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((json && json.detail) || ('HTTP ' + response.status));
    }
    return json;
  }

  async function loadInbox() {
    const inbox = await call('GET', '/inbox?done=' + done);
    document.getElementById('department').textContent = inbox.department.name;
    const body = document.querySelector('#inbox tbody');
    body.replaceChildren();
    inbox.cases.forEach(c => {
      const row = el('tr');
      row.dataset.case = c.number;
      row.dataset.state = c.state;
      if (c.overdue) row.classList.add('overdue');
      if (current && current.number === c.number) row.classList.add('selected');
      row.append(el('td', c.number, 'number'), el('td', c.kindName + (c.urgent ? ' · 紧急' : ''), 'kind'),
        el('td', c.classification.code + ' ' + (c.classification.name || ''), 'classification'),
        el('td', c.summary, 'summary'), el('td', c.stateName, 'state'),
        el('td', when(c.nextDue) + (c.overdue ? ' 超期' : ''), 'due'));
      row.addEventListener('click', () => open(c.number).catch(e => say(e.message)));
      body.appendChild(row);
    });
    document.getElementById('empty').hidden = inbox.cases.length > 0;
  }

  async function open(number) {
    show(await call('GET', '/' + encodeURIComponent(number)));
  }

  function show(c) {
    current = c;
    const panel = document.getElementById('case');
    panel.hidden = false;
    panel.dataset.number = c.number;
    panel.dataset.state = c.state;
    const set = (selector, text) => { panel.querySelector(selector).textContent = text || ''; };
    set('.number', c.number);
    set('.state', c.stateName);
    panel.querySelector('.urgent').hidden = !c.urgent;
    set('.kind', c.kindName);
    set('.classification', c.classification.code + ' ' + (c.classification.path || ''));
    set('.summary', c.summary);
    set('.details', c.details);
    set('.caller', c.caller.hidden ? '（保密）confidential' : [c.caller.name, c.caller.number, c.caller.idNumber]
      .filter(Boolean).join(' · '));
    set('.sign-for-due', when(c.signForDue));
    set('.finish-due', when(c.finishDue) + (c.overdue ? ' 已超期 overdue' : ''));
    set('.reply', c.reply ? c.reply + (c.resultName ? ' [' + c.resultName + ']' : '') : '');
    document.getElementById('sign-for').hidden = c.state !== 'HANDED_OFF';
    document.getElementById('return-form').hidden = !(c.state === 'HANDED_OFF' || c.state === 'SIGNED_FOR');
    document.getElementById('reply-form').hidden = c.state !== 'SIGNED_FOR';
    const select = document.getElementById('reply-result');
    select.replaceChildren();
    const finding = c.kind === 'COMPLAINT' || c.kind === 'REPORT';
    (finding ? RESULTS.finding : RESULTS.other).forEach(([value, label]) => {
      const option = el('option', label);
      option.value = value;
      select.appendChild(option);
    });
    const history = document.getElementById('history');
    history.replaceChildren();
    c.history.forEach(entry => {
      const item = el('li');
      item.dataset.action = entry.action;
      item.append(el('span', when(entry.at) + ' ', 'at'), el('span', (ACTIONS[entry.action] || entry.action) + ' '),
        el('span', entry.actor + (entry.text ? '：' + entry.text : '')));
      history.appendChild(item);
    });
    document.querySelectorAll('#inbox tbody tr').forEach(row =>
      row.classList.toggle('selected', row.dataset.case === c.number));
  }

  async function act(path, body, done) {
    try {
      show(await call('POST', '/' + encodeURIComponent(current.number) + path, body));
      say(done, true);
      await loadInbox();
    } catch (e) {
      say(e.message);
    }
  }

  document.getElementById('sign-for').addEventListener('click', () => act('/sign-for', undefined, '已签收 signed for'));
  document.getElementById('return').addEventListener('click', () =>
    act('/return', {reason: document.getElementById('return-reason').value}, '已退回 returned'));
  document.getElementById('reply').addEventListener('click', () => {
    const result = document.getElementById('reply-result').value;
    act('/reply', {text: document.getElementById('reply-text').value, result: result || null}, '已答复 replied');
  });
  document.querySelectorAll('.tab').forEach(tab => tab.addEventListener('click', () => {
    done = tab.dataset.done === 'true';
    document.querySelectorAll('.tab').forEach(t => t.setAttribute('aria-pressed', String(t === tab)));
    loadInbox().catch(e => say(e.message));
  }));
  document.getElementById('refresh').addEventListener('click', () => loadInbox().catch(e => say(e.message)));
  loadInbox().catch(e => say(e.message));
}());
