// What supervisors do on the floor: take a call over (接管), end it (强拆), force an agent's state (示忙 / 示闲 / 签出),
// move an agent to another skill group for a while (调组) and undo it. Every action asks for a confirmation with a
// reason first (the dialog), and lands in the audit list, shown here live ('action' events) with what came of it.
(function () {
  'use strict';

  const ui = window.supervisorFloor;
  const {floor, el, say, send, percent, groupName} = ui;
  const KINDS = {MONITOR: '监控', INTERCEPT: '接管', RELEASE: '强拆', FORCE_STATE: '强制状态', SKILL_MOVE: '调组',
    SKILL_MOVE_UNDONE: '撤销调组'};
  const OUTCOMES = {REQUESTED: '进行中', DONE: '完成', PENDING: '待生效', FAILED: '失败', REPLACED: '已替换'};
  floor.actions = new Map();
  floor.skillMoves = [];

  // ------------------------------------------------------------------ the confirmation dialog

  /** Shows the dialog; resolves to its fields once confirmed with a reason, or to null when cancelled. */
  function confirmAction(question, extra) {
    const dialog = document.getElementById('confirm');
    const form = dialog.querySelector('form');
    form.reset();
    dialog.querySelector('.question').textContent = question;
    dialog.querySelector('.problem').textContent = '';
    dialog.querySelector('.pause-reason').hidden = extra !== 'pause';
    dialog.querySelector('.move').hidden = extra !== 'move';
    if (extra === 'move') {
      const select = form.elements.group;
      select.textContent = '';
      for (const group of floor.groups) select.appendChild(new Option(group.name + ' (' + group.code + ')', group.code));
    }
    dialog.showModal();
    form.elements.reason.focus();
    return new Promise(resolve => {
      const done = value => {
        form.onsubmit = null;
        dialog.querySelector('.cancel').onclick = null;
        dialog.close();
        resolve(value);
      };
      dialog.querySelector('.cancel').onclick = () => done(null);
      dialog.oncancel = () => done(null);
      form.onsubmit = event => {
        event.preventDefault();
        const reason = form.elements.reason.value.trim();
        if (!reason) {
          dialog.querySelector('.problem').textContent = '请填写原因 give a reason';
          return;
        }
        done({reason: reason, pauseReason: form.elements.pauseReason.value, group: form.elements.group.value,
          level: Number(form.elements.level.value), leave: form.elements.leave.checked,
          until: form.elements.until.value});
      };
    });
  }

  async function act(question, extra, request) {
    say('');
    const answer = await confirmAction(question, extra);
    if (!answer) return;
    try {
      const [path, body] = request(answer);
      await send('POST', path, body);
    } catch (e) {
      say(e.message);
    }
  }

  function button(text, title, className, onClick) {
    const node = el('button', text, className);
    node.type = 'button';
    node.title = title;
    node.addEventListener('click', onClick);
    return node;
  }

  // ------------------------------------------------------------------ calls

  ui.hooks.callActions = (call, cell) => {
    const who = (call.caller || '') + (call.agent ? ' · 坐席 ' + call.agent : '');
    if (call.stage === 'TALKING') {
      cell.appendChild(button('接管', 'take the call over: your phone rings, then the agent drops', 'intercept',
          () => act('接管通话 ' + who + '? 您的分机将振铃，接听后坐席退出。', null,
              answer => ['/calls/' + call.callId + '/intercept', {reason: answer.reason}])));
    }
    if (['TALKING', 'QUEUED', 'RINGING'].includes(call.stage)) {
      cell.appendChild(button('强拆', 'end the call: the caller hears an apology', 'release',
          () => act('强拆通话 ' + who + '? 来电者将听到致歉提示后挂断。', null,
              answer => ['/calls/' + call.callId + '/release', {reason: answer.reason}])));
    }
  };

  function wireMonitorIntercept() {
    document.querySelector('#monitor .intercept').addEventListener('click', () => {
      const session = ui.session();
      if (!session) return;
      act('接管正在监听的通话? 您的分机将再次振铃，接听后坐席退出。', null,
          answer => ['/monitor/' + session.id + '/intercept', {reason: answer.reason}]);
    });
  }

  // ------------------------------------------------------------------ agents and groups

  function occupancyOf(workNumber) {
    const figures = floor.figures && floor.figures.agents ? floor.figures.agents : [];
    const found = figures.find(a => a.workNumber === workNumber);
    return found ? found.occupancy.rate : null;
  }

  function forceState(agent, state) {
    const label = {PAUSED: '示忙（暂停）', READY: '示闲（就绪）', LOGGED_OUT: '签出'}[state];
    const onCall = agent.state === 'ON_CALL' || agent.state === 'RESERVED';
    act('坐席 ' + agent.workNumber + ' ' + agent.name + ': ' + label + '?'
        + (onCall ? ' 坐席正在通话，通话结束后生效。' : ''), state === 'PAUSED' ? 'pause' : null,
    answer => ['/agents/' + agent.workNumber + '/state', {state: state, reason: answer.reason,
      pauseReason: state === 'PAUSED' ? answer.pauseReason : null}]);
  }

  function moveSkills(agent) {
    act('坐席 ' + agent.workNumber + ' ' + agent.name + ' 临时调组（不改变其档案）', 'move', answer => {
      const skills = {};
      if (answer.leave) for (const group of agent.groups) skills[group] = 0;
      skills[answer.group] = answer.level;
      return ['/agents/' + agent.workNumber + '/skills', {skills: skills, until: answer.until, reason: answer.reason}];
    });
  }

  ui.hooks.agentCells = (agent, row) => {
    if (agent.pending) {
      const state = ui.STATES[agent.pending.state] || [agent.pending.state, ''];
      const reason = agent.pending.pauseReason ? '(' + (ui.PAUSES[agent.pending.pauseReason] || '') + ')' : '';
      row.querySelector('.state').appendChild(el('span', ' → ' + state[0] + reason + ' 待生效 pending', 'pending'));
    }
    if (agent.moved) row.querySelector('.groups').appendChild(el('span', ' 调组 moved', 'moved'));
    row.appendChild(el('td', percent(occupancyOf(agent.workNumber)), 'occupancy'));
    const cell = el('td', null, 'actions');
    if (agent.state !== 'LOGGED_OUT') {
      cell.appendChild(button('示忙', 'pause (with a reason)', 'force-pause', () => forceState(agent, 'PAUSED')));
      if (agent.state !== 'READY') {
        cell.appendChild(button('示闲', 'make ready', 'force-ready', () => forceState(agent, 'READY')));
      }
      cell.appendChild(button('签出', 'sign out', 'force-out', () => forceState(agent, 'LOGGED_OUT')));
    }
    cell.appendChild(button('调组', 'move to another skill group for a while', 'move', () => moveSkills(agent)));
    row.appendChild(cell);
  };

  ui.hooks.groupCells = (group, today, row) => {
    row.appendChild(el('td', today && today.occupancy ? percent(today.occupancy.rate) : '–', 'occupancy'));
  };

  // ------------------------------------------------------------------ skill moves and the audit list

  function renderSkillMoves() {
    const list = document.getElementById('skill-moves');
    list.textContent = '';
    for (const move of floor.skillMoves) {
      const item = el('li');
      item.dataset.move = move.id;
      item.dataset.agent = move.workNumber;
      const levels = Object.entries(move.levels).map(([group, level]) => groupName(group)
          + (level === 0 ? ' 退出' : ' ' + level)).join('、');
      item.appendChild(el('span', '坐席 ' + move.workNumber + ': ' + levels + ' · '
          + (move.until ? '至 ' + new Date(move.until).toLocaleString('zh-CN') : '至撤销') + ' · ' + move.by
          + ': ' + move.reason, 'what'));
      item.appendChild(button('撤销', 'undo the move', 'undo', () => act('撤销坐席 ' + move.workNumber + ' 的调组?',
          null, answer => ['/skill-moves/' + move.id + '/undo', {reason: answer.reason}])));
      list.appendChild(item);
    }
  }

  function renderActions() {
    const list = document.getElementById('actions');
    list.textContent = '';
    const actions = [...floor.actions.values()].sort((a, b) => b.id - a.id);
    for (const action of actions) {
      const item = el('li');
      item.dataset.action = action.id;
      item.dataset.kind = action.kind;
      item.dataset.outcome = action.outcome;
      item.appendChild(el('span', new Date(action.at).toLocaleTimeString('zh-CN'), 'time'));
      item.appendChild(el('span', (KINDS[action.kind] || action.kind), 'kind'));
      item.appendChild(el('span', action.actor + (action.agent ? ' → 坐席 ' + action.agent : '')
          + (action.reason ? ' · ' + action.reason : '') + (action.detail ? ' · ' + action.detail : ''), 'what'));
      item.appendChild(el('span', OUTCOMES[action.outcome] || action.outcome, 'outcome'));
      list.appendChild(item);
    }
  }

  ui.hooks.loaded = snapshot => {
    floor.actions = new Map((snapshot.actions || []).map(a => [a.id, a]));
    floor.skillMoves = snapshot.skillMoves || [];
    renderActions();
    renderSkillMoves();
  };
  ui.hooks.events.action = action => {
    floor.actions.set(action.id, action);
    renderActions();
  };
  ui.hooks.events['skill-moves'] = moves => {
    floor.skillMoves = moves;
    renderSkillMoves();
  };

  wireMonitorIntercept();
}());
