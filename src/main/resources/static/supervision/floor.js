// The supervisor floor: one EventSource on /supervision/data/stream. It starts with a snapshot, then every change
// (call, call-ended, agent, agent-removed, groups, figures, alert, alert-acknowledged, nodes, monitor), heartbeats
// while quiet, and "resync" when this page fell behind: then it connects again and starts from a fresh snapshot.
// Durations count up here, every second, from the service's own clock. What supervisors do (take over, release, force
// states, move agents) is in floor-actions.js, which plugs into the hooks below.
(function () {
  'use strict';

  const DATA = '/supervision/data';
  const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;

  const STAGES = {
    SERVICE: ['服务中', 'with the service'],
    IVR: ['自助语音', 'IVR'],
    QUEUED: ['排队', 'queued'],
    RINGING: ['振铃', 'ringing'],
    TALKING: ['通话', 'talking'],
    AFTER_AGENT: ['满意度评价', 'survey'],
    PBX: ['交换机', 'on the PBX only']
  };
  const STATES = {
    LOGGED_OUT: ['未登录', 'logged out'],
    READY: ['就绪', 'ready'],
    PAUSED: ['暂停', 'paused'],
    RESERVED: ['振铃', 'ringing'],
    ON_CALL: ['通话', 'on a call'],
    WRAP_UP: ['整理', 'wrap-up']
  };
  const PAUSES = {
    BREAK: '小休', MEAL: '用餐', TRAINING: '培训', MEETING: '会议', AFTER_CALL_WORK: '事后处理',
    NO_ANSWER: '未接', UNREACHABLE: '话机离线'
  };
  const ALERTS = {
    LONG_WAIT: '排队超时', LONG_CALL: '通话超长', FORBIDDEN_PHRASE: '服务忌语', FORBIDDEN_PHRASE_LIVE: '服务忌语·通话中',
    RECORDING: '录音异常', NODE_DOWN: '节点故障', DISK_SPACE: '磁盘空间', IVR_SCRIPT: 'IVR脚本', SECURITY: '安全',
    CASE_OVERDUE: '工单督办', SMS_GATEWAY: '短信网关', RETURN_VISIT: '回访不满意'
  };

  const floor = {
    calls: new Map(), agents: new Map(), groups: [], figures: null, cases: null, alerts: new Map(), nodes: [],
    monitoring: new Map(), settings: {}, offset: 0
  };
  let source = null;
  let mySession = null;
  // filled in by floor-actions.js: more cells and buttons per row, and the stream events it handles
  const hooks = {callActions() {}, agentCells() {}, groupCells() {}, loaded() {}, events: {}};

  // ------------------------------------------------------------------ helpers

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function bilingual(pair, extra) {
    const span = el('span', pair[0] + (extra ? ' ' + extra : '') + ' ');
    span.appendChild(el('small', pair[1]));
    return span;
  }

  function now() {
    return Date.now() + floor.offset;
  }

  function clock(at) {
    floor.offset = Date.parse(at) - Date.now();
  }

  function since(instant) {
    if (!instant) return '';
    const seconds = Math.max(0, Math.floor((now() - Date.parse(instant)) / 1000));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds % 3600 / 60);
    const s = seconds % 60;
    const two = n => (n < 10 ? '0' : '') + n;
    return (h > 0 ? h + ':' + two(m) : m) + ':' + two(s);
  }

  function secondsSince(instant) {
    return instant ? (now() - Date.parse(instant)) / 1000 : 0;
  }

  function percent(value) {
    return value === null || value === undefined ? '–' : (value * 100).toFixed(1) + '%';
  }

  function seconds(value) {
    return value === null || value === undefined ? '–' : Math.round(value) + ' s';
  }

  function say(text) {
    document.getElementById('message').textContent = text || '';
  }

  async function send(method, path, body) {
    const headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    headers[csrfHeader] = csrfToken;
    const response = await fetch(DATA + path, {method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(json && json.detail ? json.detail : response.status + ' ' + response.statusText);
    }
    return json;
  }

  // ------------------------------------------------------------------ the stream

  function connect() {
    if (source) source.close();
    status('connecting');
    source = new EventSource(DATA + '/stream');
    source.onopen = () => status('live');
    source.onerror = () => status('reconnecting');
    const on = (type, handler) => source.addEventListener(type, event => {
      status('live');
      handler(JSON.parse(event.data));
    });
    on('snapshot', load);
    on('call', call => { floor.calls.set(call.callId, call); renderCalls(); renderAlerts(); });
    on('call-ended', ended => { floor.calls.delete(ended.callId); renderCalls(); renderAlerts(); });
    on('agent', agent => { floor.agents.set(agent.workNumber, agent); renderAgents(); });
    on('agent-removed', removed => { floor.agents.delete(removed.workNumber); renderAgents(); });
    on('groups', groups => { floor.groups = groups; renderGroups(); });
    on('figures', figures => { floor.figures = figures; renderFigures(); renderGroups(); renderAgents(); });
    on('cases', cases => { floor.cases = cases; renderCases(); });
    on('alert', alert => { floor.alerts.set(alert.id, alert); renderAlerts(); });
    on('alert-acknowledged', ack => { floor.alerts.delete(ack.id); renderAlerts(); });
    on('nodes', nodes => { floor.nodes = nodes; renderNodes(); });
    on('monitor', session => monitorChanged(session));
    on('heartbeat', beat => clock(beat.at));
    on('resync', () => connect());
    for (const [type, handler] of Object.entries(hooks.events)) on(type, handler);
  }

  function status(state) {
    const node = document.getElementById('status');
    if (node.dataset.state === state) return;
    node.dataset.state = state;
    node.textContent = '';
    node.appendChild(bilingual({live: ['实时', 'live'], connecting: ['连接中', 'connecting'],
      reconnecting: ['重新连接中', 'reconnecting']}[state]));
  }

  function load(snapshot) {
    clock(snapshot.at);
    floor.settings = snapshot.settings;
    floor.calls = new Map(snapshot.calls.map(c => [c.callId, c]));
    floor.agents = new Map(snapshot.agents.map(a => [a.workNumber, a]));
    floor.groups = snapshot.groups;
    floor.figures = snapshot.figures;
    floor.cases = snapshot.cases;
    floor.alerts = new Map(snapshot.alerts.map(a => [a.id, a]));
    floor.nodes = snapshot.nodes;
    floor.monitoring = new Map(snapshot.monitoring.map(m => [m.id, m]));
    document.querySelector('#fig-service-level .threshold').textContent = floor.settings.serviceLevelSeconds;
    hooks.loaded(snapshot);
    renderAll();
  }

  function renderAll() {
    renderCalls();
    renderAgents();
    renderGroups();
    renderFigures();
    renderCases();
    renderAlerts();
    renderNodes();
    renderMonitor();
  }

  // ------------------------------------------------------------------ calls

  function where(call) {
    switch (call.stage) {
      case 'IVR': return (call.menu || '') + ' › ' + (call.ivrNode || '');
      case 'QUEUED': return groupName(call.skillGroup) + (call.position ? ' 第' + call.position + '位' : '')
          + (call.priority > 0 ? ' 绿色通道' : '');
      case 'RINGING': case 'TALKING': case 'AFTER_AGENT':
        return '坐席 ' + call.agent + agentName(call.agent) + ' · ' + groupName(call.skillGroup);
      case 'PBX': return call.channels + ' 通道 channels · ' + call.node;
      default: return call.script || '';
    }
  }

  function agentName(workNumber) {
    const agent = floor.agents.get(workNumber);
    return agent && agent.name !== workNumber ? ' ' + agent.name : '';
  }

  function groupName(code) {
    const group = floor.groups.find(g => g.code === code);
    return group && group.name !== code ? group.name : (code || '');
  }

  function renderCalls() {
    const body = document.querySelector('#calls tbody');
    body.textContent = '';
    const calls = [...floor.calls.values()].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    for (const call of calls) {
      const row = el('tr');
      row.dataset.callId = call.callId;
      row.dataset.stage = call.stage;
      if (call.agent) row.dataset.agent = call.agent;
      row.appendChild(el('td', call.caller || '–', 'caller'));
      const stage = el('td', null, 'stage');
      stage.appendChild(bilingual(STAGES[call.stage] || [call.stage, '']));
      row.appendChild(stage);
      row.appendChild(el('td', where(call), 'where'));
      const waitingSince = call.stage === 'QUEUED' || call.stage === 'RINGING' ? call.queuedAt : call.stageSince;
      const forCell = el('td', since(waitingSince), 'for');
      forCell.dataset.since = waitingSince || '';
      row.appendChild(forCell);
      const total = el('td', since(call.startedAt), 'total');
      total.dataset.since = call.startedAt || '';
      row.appendChild(total);
      const actions = el('td', null, 'actions');
      if (call.stage === 'TALKING') {
        for (const mode of ['LISTEN', 'WHISPER', 'BARGE']) {
          const button = el('button', {LISTEN: '监听', WHISPER: '提醒', BARGE: '强插'}[mode], 'monitor');
          button.type = 'button';
          button.dataset.mode = mode;
          button.title = {LISTEN: 'listen', WHISPER: 'whisper to the agent', BARGE: 'barge in'}[mode];
          button.addEventListener('click', () => startMonitor(call.callId, mode));
          actions.appendChild(button);
        }
      }
      hooks.callActions(call, actions);
      const watchers = [...floor.monitoring.values()].filter(m => m.callId === call.callId);
      if (watchers.length) {
        row.classList.add('monitored');
        actions.appendChild(el('span', ' ' + watchers.map(m => m.supervisor).join(', '), 'watchers'));
      }
      row.appendChild(actions);
      body.appendChild(row);
    }
    document.getElementById('call-count').textContent = calls.length;
    markLong();
  }

  function markLong() {
    for (const row of document.querySelectorAll('#calls tbody tr')) {
      const call = floor.calls.get(row.dataset.callId);
      if (!call) continue;
      const waiting = call.stage === 'QUEUED' || call.stage === 'RINGING';
      const long = waiting ? secondsSince(call.queuedAt) > floor.settings.longWaitSeconds
          : call.stage === 'TALKING' && secondsSince(call.stageSince) > floor.settings.longCallSeconds;
      row.classList.toggle('long', long);
    }
  }

  // ------------------------------------------------------------------ agents and groups

  function renderAgents() {
    const body = document.querySelector('#agents tbody');
    body.textContent = '';
    const order = {ON_CALL: 0, RESERVED: 1, WRAP_UP: 2, READY: 3, PAUSED: 4, LOGGED_OUT: 5};
    const agents = [...floor.agents.values()].sort((a, b) => (order[a.state] - order[b.state])
        || a.workNumber.localeCompare(b.workNumber));
    for (const agent of agents) {
      const row = el('tr');
      row.dataset.agent = agent.workNumber;
      row.dataset.state = agent.state;
      row.appendChild(el('td', agent.workNumber, 'work-number'));
      row.appendChild(el('td', agent.name, 'name'));
      const state = el('td', null, 'state');
      state.appendChild(bilingual(STATES[agent.state] || [agent.state, ''],
          agent.state === 'PAUSED' && agent.pauseReason ? '(' + (PAUSES[agent.pauseReason] || agent.pauseReason) + ')'
              : ''));
      if (!agent.reachable) state.appendChild(el('small', ' 话机离线 phone unreachable'));
      row.appendChild(state);
      const forCell = el('td', agent.state === 'LOGGED_OUT' ? '' : since(agent.since), 'for');
      forCell.dataset.since = agent.state === 'LOGGED_OUT' ? '' : (agent.since || '');
      row.appendChild(forCell);
      const call = agent.callId ? floor.calls.get(agent.callId) : null;
      row.appendChild(el('td', agent.callId ? (call ? call.caller : agent.callId.substring(0, 8)) : '', 'call'));
      row.appendChild(el('td', agent.groups.map(groupName).join('、'), 'groups'));
      hooks.agentCells(agent, row);
      body.appendChild(row);
    }
  }

  function groupFigures(code) {
    return floor.figures ? floor.figures.groups.find(g => g.group === code) : null;
  }

  function renderGroups() {
    const body = document.querySelector('#groups tbody');
    body.textContent = '';
    for (const group of floor.groups) {
      const row = el('tr');
      row.dataset.group = group.code;
      row.appendChild(el('td', group.name, 'name'));
      row.appendChild(el('td', group.waiting, 'waiting'));
      const longest = el('td', group.longestWaitSince ? since(group.longestWaitSince) : '', 'longest');
      longest.dataset.since = group.longestWaitSince || '';
      row.appendChild(longest);
      row.appendChild(el('td', group.ready, 'ready'));
      row.appendChild(el('td', group.busy, 'busy'));
      row.appendChild(el('td', group.loggedIn, 'logged-in'));
      const today = groupFigures(group.code);
      row.appendChild(el('td', today ? today.offered : 0, 'offered'));
      row.appendChild(el('td', today ? today.answered : 0, 'answered'));
      row.appendChild(el('td', today ? percent(today.serviceLevel) : '–', 'service-level'));
      hooks.groupCells(group, today, row);
      body.appendChild(row);
    }
  }

  // ------------------------------------------------------------------ figures

  function tile(id, value, note, good) {
    const node = document.getElementById(id);
    node.querySelector('.value').textContent = value;
    const noteNode = node.querySelector('.note');
    if (noteNode) noteNode.textContent = note || '';
    node.classList.toggle('good', good === true);
    node.classList.toggle('bad', good === false);
  }

  function renderFigures() {
    const figures = floor.figures;
    if (!figures) return;
    const all = figures.overall;
    tile('fig-offered', all.offered);
    tile('fig-answered', all.answered, '');
    tile('fig-abandoned', all.abandoned, '其中5秒内 short: ' + all.shortAbandoned);
    tile('fig-service-level', percent(all.serviceLevel));
    const rate = all.connection.rate;
    tile('fig-connection', percent(rate), '目标 target ' + percent(figures.connectionRateTarget)
        + ' · ' + all.connection.connected + '/' + all.connection.offered, rate === null ? undefined : all.connection.meetsTarget);
    const bar = document.querySelector('#fig-connection .bar');
    bar.querySelector('.fill').style.width = rate === null ? '0' : Math.min(100, rate * 100) + '%';
    bar.querySelector('.target').style.left = figures.connectionRateTarget * 100 + '%';
    tile('fig-asa', seconds(all.asaSeconds));
    tile('fig-aht', seconds(all.ahtSeconds));
    tile('fig-satisfaction', percent(all.satisfactionRate), all.surveyed + ' 评价 answers');
  }

  function renderCases() {
    if (!floor.cases) return;
    tile('fig-cases-overdue', floor.cases.overdue, undefined, floor.cases.overdue === 0);
    const visits = floor.cases.returnVisits;
    if (visits) {
      tile('fig-return-visits', visits.percent === null ? '–' : visits.percent + '%', visits.answered + ' 已回访 answered · '
        + visits.called + ' 呼出 called · ' + visits.due + ' 待回访 due · ' + visits.dissatisfied + ' 不满意');
    }
  }

  // ------------------------------------------------------------------ alerts and nodes

  function renderAlerts() {
    const list = document.getElementById('alerts');
    list.textContent = '';
    const alerts = [...floor.alerts.values()].sort((a, b) => b.id - a.id);
    for (const alert of alerts) {
      const item = el('li');
      item.dataset.alertId = alert.id;
      item.dataset.kind = alert.kind;
      const kind = el('span', (ALERTS[alert.kind] || alert.kind) + ' ', 'kind');
      kind.appendChild(el('small', alert.kind));
      item.appendChild(kind);
      item.appendChild(el('span', alert.message, 'message'));
      item.appendChild(el('span', new Date(alert.raisedAt).toLocaleTimeString('zh-CN'), 'time'));
      const call = alert.callId ? floor.calls.get(alert.callId) : null;
      if (call && call.stage === 'TALKING') {
        item.dataset.callId = alert.callId;
        const listen = el('button', '监听', 'listen');
        listen.type = 'button';
        listen.title = 'listen to this call now (agent ' + (alert.agent || call.agent) + ')';
        listen.addEventListener('click', () => startMonitor(alert.callId, 'LISTEN'));
        item.appendChild(listen);
      }
      const ack = el('button', '确认', 'acknowledge');
      ack.type = 'button';
      ack.title = 'acknowledge';
      ack.addEventListener('click', () => send('POST', '/alerts/' + alert.id + '/acknowledge')
          .then(() => { floor.alerts.delete(alert.id); renderAlerts(); }).catch(e => say(e.message)));
      item.appendChild(ack);
      list.appendChild(item);
    }
    document.getElementById('alert-count').textContent = alerts.length;
  }

  function renderNodes() {
    const box = document.getElementById('nodes');
    box.textContent = '';
    for (const node of floor.nodes) {
      const badge = el('span', node.node + ' ' + node.state);
      badge.dataset.state = node.state;
      badge.title = node.reason || '';
      box.appendChild(badge);
    }
  }

  // ------------------------------------------------------------------ monitoring

  async function startMonitor(callId, mode) {
    say('');
    try {
      mySession = await send('POST', '/monitor', {callId: callId, mode: mode});
      floor.monitoring.set(mySession.id, mySession);
      renderMonitor();
      renderCalls();
    } catch (e) {
      say(e.message);
    }
  }

  function monitorChanged(session) {
    if (session.endedAt) {
      floor.monitoring.delete(session.id);
    } else {
      floor.monitoring.set(session.id, session);
    }
    if (mySession && mySession.id === session.id) {
      mySession = session.endedAt ? null : session;
    }
    renderMonitor();
    renderCalls();
  }

  function renderMonitor() {
    const panel = document.getElementById('monitor');
    panel.hidden = !mySession;
    if (!mySession) return;
    panel.dataset.session = mySession.id;
    panel.dataset.mode = mySession.mode;
    panel.querySelector('.what').textContent = '监控中 monitoring: 坐席 agent ' + mySession.agent
        + ' · ' + mySession.supervisorEndpoint;
    for (const button of panel.querySelectorAll('button[data-mode]')) {
      button.setAttribute('aria-pressed', String(button.dataset.mode === mySession.mode));
    }
  }

  function wireMonitorPanel() {
    const panel = document.getElementById('monitor');
    for (const button of panel.querySelectorAll('button[data-mode]')) {
      button.addEventListener('click', () => {
        if (!mySession) return;
        send('POST', '/monitor/' + mySession.id + '/mode', {mode: button.dataset.mode})
            .then(session => monitorChanged(session)).catch(e => say(e.message));
      });
    }
    panel.querySelector('.stop').addEventListener('click', () => {
      if (!mySession) return;
      send('POST', '/monitor/' + mySession.id + '/stop').then(session => monitorChanged(session))
          .catch(e => say(e.message));
    });
  }

  // ------------------------------------------------------------------ my phone

  function wirePhone() {
    const input = document.getElementById('phone');
    fetch(DATA + '/phone', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
        .then(r => r.ok ? r.json() : null).then(phone => { if (phone && phone.endpoint) input.value = phone.endpoint; });
    document.getElementById('save-phone').addEventListener('click', () => {
      send('PUT', '/phone', {endpoint: input.value}).then(() => say('')).catch(e => say(e.message));
    });
  }

  // ------------------------------------------------------------------ every second

  function tickDurations() {
    for (const cell of document.querySelectorAll('td[data-since]')) {
      cell.textContent = cell.dataset.since ? since(cell.dataset.since) : '';
    }
    markLong();
  }

  window.supervisorFloor = {floor, hooks, el, bilingual, say, send, since, percent, groupName, STATES, PAUSES,
    session: () => mySession, renderCalls, renderAgents, renderGroups};
  wireMonitorPanel();
  wirePhone();
  document.addEventListener('DOMContentLoaded', () => {
    connect();
    setInterval(tickDurations, 1000);
  });
}());
