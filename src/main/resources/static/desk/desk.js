// The agent's desk: one EventSource on /desk/data/stream. It starts with a snapshot, then "state" (my agent),
// "offer" and "answer" (the screen-pop), "wrap-up" (the call ended), "call-gone" (not put through after all),
// heartbeats while quiet, and "resync" when this page fell behind: then it connects again from a fresh snapshot.
// Everything else is plain requests to /desk/data with the session's CSRF token; a refusal shows the service's reason.
(function () {
  'use strict';

  const DATA = '/desk/data';
  const {el, say, send, when} = window.StaffPage(DATA); // web/page.js

  const STATES = {
    LOGGED_OUT: '未签入', READY: '就绪', PAUSED: '暂停', RESERVED: '振铃', ON_CALL: '通话中', WRAP_UP: '话后整理'
  };
  const PAUSES = {
    BREAK: '小休', MEAL: '用餐', TRAINING: '培训', MEETING: '会议', AFTER_CALL_WORK: '事后处理',
    NO_ANSWER: '未接', UNREACHABLE: '话机离线'
  };
  const SATISFACTION = {SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', DISSATISFIED: '不满意'};
  const PURPOSES = {DOCUMENT_LIST: '一次性告知', CASE_REPLY: '答复告知', RESEND: '重发'};
  const FINAL = ['DELIVERED', 'UNDELIVERED', 'FAILED', 'UNCERTAIN', 'BLOCKED'];
  const KINDS = {ENQUIRY: '咨询', HELP: '求助', COMPLAINT: '投诉', REPORT: '举报', SUGGESTION: '建议', PRAISE: '表扬'};

  const desk = {agent: null, call: null, wrapUp: null, chosenClass: null, consulting: false, offset: 0};
  let source = null;

  // ------------------------------------------------------------------ helpers

  const $ = selector => document.querySelector(selector);

  /** Text with <mark>…</mark> from the service: the marked parts in <mark>, everything written as text. */
  function marked(text) {
    const span = el('span');
    String(text || '').split(/(<mark>.*?<\/mark>)/).forEach(part => {
      const m = /^<mark>(.*)<\/mark>$/.exec(part);
      span.appendChild(m ? el('mark', m[1]) : document.createTextNode(part));
    });
    return span;
  }

  function now() {
    return Date.now() + desk.offset;
  }

  function since(instant) {
    if (!instant) return '';
    const seconds = Math.max(0, Math.floor((now() - Date.parse(instant)) / 1000));
    const two = n => (n < 10 ? '0' : '') + n;
    return Math.floor(seconds / 60) + ':' + two(seconds % 60);
  }

  /** Runs a request for a button; what goes wrong is said plainly in the message line. */
  function act(button, work, done) {
    button.addEventListener('click', async event => {
      event.preventDefault();
      button.disabled = true;
      try {
        say('');
        const result = await work();
        if (done) say(typeof done === 'function' ? done(result) : done, true);
      } catch (e) {
        say(e.message);
      } finally {
        button.disabled = false;
      }
    });
  }

  // ------------------------------------------------------------------ the stream

  function connect() {
    if (source) source.close();
    status('connecting');
    source = new EventSource(DATA + '/stream');
    source.onopen = () => status('live');
    source.onerror = () => {
      status('reconnecting');
      send('GET', '/snapshot').catch(e => say(e.message)); // why the stream is refused, if it is (no agent linked...)
    };
    const on = (type, handler) => source.addEventListener(type, event => {
      status('live');
      handler(JSON.parse(event.data));
    });
    on('snapshot', load);
    on('state', agent => { desk.agent = agent; renderAgent(); });
    on('offer', pop => showCall(pop));
    on('answer', pop => showCall(pop));
    on('wrap-up', wrapUp => { desk.call = null; renderCall(); showWrapUp(wrapUp); });
    on('call-gone', gone => { desk.call = null; renderCall(); say('来电未接通 call not put through: ' + gone.reason); });
    on('heartbeat', beat => clock(beat.at));
    on('resync', () => connect());
  }

  function status(state) {
    const node = $('#status');
    if (node.dataset.state === state) return;
    node.dataset.state = state;
    node.textContent = {live: '实时 live', connecting: '连接中 connecting', reconnecting: '重新连接中 reconnecting'}[state];
  }

  function clock(at) {
    desk.offset = Date.parse(at) - Date.now();
  }

  function load(snapshot) {
    clock(snapshot.at);
    desk.agent = snapshot.agent;
    // a call opened by its address (/desk/calls/{id}) stays shown while no call is offered
    desk.call = snapshot.call || (desk.call && desk.call.stage === 'ENDED' ? desk.call : null);
    renderAgent();
    renderCall();
    if (snapshot.wrapUp) showWrapUp(snapshot.wrapUp);
    if (snapshot.call) suggestions(snapshot.call.suggestions);
  }

  // ------------------------------------------------------------------ the agent

  function renderAgent() {
    const agent = desk.agent;
    if (!agent) return;
    $('#agent .who').textContent = agent.name + ' (' + agent.workNumber + ')';
    $('#agent .phone').textContent = agent.phone + (agent.reachable ? '' : ' 离线 offline');
    const state = $('#state');
    state.dataset.state = agent.state;
    state.textContent = STATES[agent.state] + (agent.pauseReason ? ' · ' + (PAUSES[agent.pauseReason] || agent.pauseReason) : '');
    document.body.dataset.state = agent.state;
    tick();
  }

  function tick() {
    if (desk.agent) $('#state-for').textContent = since(desk.agent.stateSince);
    if (desk.call) $('#call .timer').textContent = since(desk.call.answeredAt || desk.call.offeredAt || desk.call.startedAt);
    if (desk.wrapUp && desk.wrapUp.until) {
      const left = Math.max(0, Math.ceil((Date.parse(desk.wrapUp.until) - now()) / 1000));
      $('#wrap-up .left').textContent = '剩余 ' + left + ' 秒 left';
    } else if (desk.wrapUp) {
      $('#wrap-up .left').textContent = '';
    }
  }

  document.querySelectorAll('#state-actions button').forEach(button => {
    act(button, async () => {
      const body = {action: button.dataset.action};
      if (body.action === 'PAUSE') body.reason = $('#pause-reason').value;
      await send('POST', '/state', body);
    });
  });

  // ------------------------------------------------------------------ the screen-pop

  function showCall(pop) {
    desk.call = pop;
    desk.consulting = false;
    renderCall();
    suggestions(pop.suggestions);
    if (pop.stage === 'ANSWERED') {
      loadTargets();
      loadDepartmentLists();
    }
  }

  function renderCall() {
    const pop = desk.call;
    const panel = $('#call');
    panel.hidden = !pop;
    if (!pop) return;
    panel.dataset.callId = pop.callId;
    panel.dataset.stage = pop.stage;
    $('#call .stage').textContent = {OFFERED: '来电振铃', ANSWERED: '通话中', ENDED: '已结束'}[pop.stage] || pop.stage;
    $('#call .caller').textContent = pop.caller || '未知号码';
    const green = $('#call .green');
    green.hidden = !pop.greenChannel;
    green.textContent = pop.greenChannel ? '绿色通道 ' + pop.greenChannel : '';
    $('#call .path-words').textContent = pop.pathWords || '（未经菜单 no menu）';
    $('#call .keys').textContent = [pop.keys, pop.idNumber].filter(x => x).join(' · ') || '–';
    $('#call .id-verified').textContent = pop.idVerified ? '已核验 verified' : '未核验 not verified';
    $('#call .id-verified').dataset.verified = pop.idVerified;
    $('#call .group').textContent = pop.skillGroup || '';
    $('#call .reason').textContent = [pop.chosenBy, pop.choiceReason].filter(x => x).join(' · ');
    $('#call .last-satisfaction').textContent = pop.lastSatisfaction ? SATISFACTION[pop.lastSatisfaction] : '–';
    const cases = $('#open-cases');
    cases.textContent = '';
    (pop.openCases || []).forEach(c => {
      const item = el('li');
      item.dataset.case = c.number;
      item.appendChild(el('strong', c.number + ' '));
      item.appendChild(document.createTextNode((KINDS[c.kind] || c.kind) + ' · ' + (c.classificationName || c.classification)
        + ' · ' + c.summary + ' · ' + c.state + (c.department ? ' · ' + c.department : '')));
      if (c.overdue) item.appendChild(el('span', ' 超期 overdue', 'overdue'));
      cases.appendChild(item);
    });
    $('#case-count').textContent = (pop.openCases || []).length;
    renderHistory(pop.previousContacts || []);
    $('#on-call').hidden = pop.stage !== 'ANSWERED';
    renderConsulting();
    tick();
  }

  function renderHistory(contacts) {
    const body = $('#history tbody');
    body.textContent = '';
    contacts.forEach(c => {
      const row = el('tr');
      row.dataset.callId = c.callId;
      row.appendChild(el('td', when(c.at)));
      row.appendChild(el('td', c.agent || '–'));
      row.appendChild(el('td', c.classification ? c.classification + ' ' + (c.classificationName || '') : '–'));
      row.appendChild(el('td', c.satisfaction ? SATISFACTION[c.satisfaction] : '–'));
      row.appendChild(el('td', (c.messages || []).map(m => (PURPOSES[m.purpose] || m.purpose) + ' ' + m.stateName)
        .join('；') || '–', 'messages'));
      const cell = el('td');
      if (c.recordingId) {
        const play = el('button', '播放 play', 'play');
        play.type = 'button';
        play.addEventListener('click', () => {
          const player = $('#player');
          player.hidden = false;
          player.src = DATA + '/recordings/' + encodeURIComponent(c.recordingId) + '/audio';
          player.play().catch(() => {});
        });
        cell.appendChild(play);
      }
      row.appendChild(cell);
      body.appendChild(row);
    });
  }

  $('#show-history').addEventListener('click', () => { $('#history').hidden = !$('#history').hidden; });

  // ------------------------------------------------------------------ on the call

  async function loadTargets() {
    try {
      const targets = await send('GET', '/transfer-targets');
      const select = $('#transfer-target');
      const chosen = select.value;
      select.textContent = '';
      targets.groups.forEach(g => {
        const option = el('option', '业务组 ' + g.name);
        option.value = 'group:' + g.code;
        select.appendChild(option);
      });
      targets.agents.forEach(a => {
        const option = el('option', '坐席 ' + a.workNumber + ' ' + a.name + ' · ' + (STATES[a.state] || a.state));
        option.value = 'agent:' + a.workNumber;
        select.appendChild(option);
      });
      if (chosen && [...select.options].some(option => option.value === chosen)) select.value = chosen;
    } catch (e) {
      say(e.message);
    }
  }

  $('#transfer-target').addEventListener('focus', loadTargets); // colleagues' states change: read them again

  function target(mode) {
    const value = $('#transfer-target').value;
    if (!value) throw new Error('请选择转接目标 choose where to transfer to');
    const [kind, code] = value.split(':');
    const body = {mode: mode};
    body[kind] = code;
    return body;
  }

  function renderConsulting() {
    $('#complete-transfer').hidden = !desk.consulting;
    $('#cancel-transfer').hidden = !desk.consulting;
    $('#consult').hidden = desk.consulting;
    $('#blind-transfer').hidden = desk.consulting;
  }

  act($('#blind-transfer'), () => send('POST', '/transfer', target('BLIND')), '已转接 transferred');
  act($('#consult'), async () => {
    await send('POST', '/transfer', target('ATTENDED'));
    desk.consulting = true;
    renderConsulting();
  }, '正在咨询，来电人等待中 consulting: the caller is on hold');
  act($('#complete-transfer'), async () => {
    await send('POST', '/transfer/complete');
    desk.consulting = false;
    renderConsulting();
  }, '已完成转接 transfer completed');
  act($('#cancel-transfer'), async () => {
    await send('POST', '/transfer/cancel');
    desk.consulting = false;
    renderConsulting();
  }, '已取消转接 transfer cancelled');
  act($('#three-way'), () => send('POST', '/three-way', {number: $('#three-way-number').value.trim()}),
    '正在呼叫第三方 ringing the third party');

  // ------------------------------------------------------------------ wrap-up

  async function showWrapUp(wrapUp) {
    const fresh = !desk.wrapUp || desk.wrapUp.callId !== wrapUp.callId;
    desk.wrapUp = wrapUp;
    const panel = $('#wrap-up');
    panel.hidden = false;
    panel.dataset.callId = wrapUp.callId;
    $('#wrap-up .caller').textContent = wrapUp.caller || '';
    if (fresh) {
      desk.chosenClass = null;
      $('#class-chosen').textContent = '未选择 none chosen';
      $('#class-chosen').dataset.code = '';
      $('#class-q').value = '';
      $('#class-results').textContent = '';
      $('#wrap-note').value = '';
      $('#case-summary').value = wrapUp.caseDefaults.summary || '';
      $('#case-kind').value = wrapUp.caseDefaults.kind;
      document.querySelector('input[name=outcome][value=answered]').checked = true;
      $('#case-form').hidden = true;
      await loadDepartments(wrapUp.caseDefaults.departmentName);
    }
    tick();
  }

  /** The departments, read once: for the case form, and for three-way calls those with a number kept. */
  let departments = null;

  async function loadDepartmentLists() {
    if (!departments) {
      departments = send('GET', '/cases/departments').then(all => {
        const active = all.filter(d => d.active);
        active.forEach(d => {
          const option = el('option', d.name);
          option.value = d.code;
          $('#case-department').appendChild(option);
        });
        active.filter(d => d.phone).forEach(d => {
          const option = el('option', d.name + ' ' + d.phone);
          option.value = d.phone;
          $('#three-way-department').appendChild(option);
        });
      }).catch(e => { departments = null; say(e.message); });
    }
    await departments;
  }

  /** Chooses the department named (the caller's newest open case's department), else none. */
  async function loadDepartments(chosenName) {
    await loadDepartmentLists();
    const select = $('#case-department');
    const chosen = [...select.options].find(option => chosenName && option.textContent === chosenName);
    select.value = chosen ? chosen.value : '';
  }

  $('#three-way-department').addEventListener('change', () => {
    if ($('#three-way-department').value) $('#three-way-number').value = $('#three-way-department').value;
  });

  let classTimer = null;
  $('#class-q').addEventListener('input', () => {
    clearTimeout(classTimer);
    classTimer = setTimeout(searchClasses, 200);
  });

  async function searchClasses() {
    const q = $('#class-q').value.trim();
    const list = $('#class-results');
    list.textContent = '';
    if (!q) return;
    try {
      const classes = await send('GET', '/classifications/search?assignable=true&limit=10&q=' + encodeURIComponent(q));
      classes.forEach(c => {
        const item = el('li', c.code + ' ' + c.path);
        item.dataset.code = c.code;
        item.addEventListener('click', () => chooseClass(c));
        list.appendChild(item);
      });
      if (!classes.length) list.appendChild(el('li', '没有找到 nothing found', 'none'));
    } catch (e) {
      say(e.message);
    }
  }

  async function chooseClass(c) {
    desk.chosenClass = c.code;
    $('#class-chosen').textContent = c.code + ' ' + c.path;
    $('#class-chosen').dataset.code = c.code;
    $('#class-results').textContent = '';
    try {
      suggestions(await send('GET', '/suggestions?classification=' + encodeURIComponent(c.code)));
    } catch (e) {
      say(e.message);
    }
  }

  document.querySelectorAll('input[name=outcome]').forEach(radio => radio.addEventListener('change', () => {
    $('#case-form').hidden = document.querySelector('input[name=outcome]:checked').value !== 'case';
  }));
  $('#case-kind').addEventListener('change', () => {
    $('#complaint-about-field').hidden = $('#case-kind').value !== 'COMPLAINT';
  });

  act($('#save-wrap-up'), async () => {
    if (!desk.chosenClass) throw new Error('请先选择诉求分类 choose a classification first');
    const note = $('#wrap-note').value.trim();
    let saved = '已保存 saved';
    if (document.querySelector('input[name=outcome]:checked').value === 'case') {
      const department = $('#case-department').value;
      const kind = $('#case-kind').value;
      const created = await send('POST', '/cases', {
        callId: desk.wrapUp.callId, kind: kind, classification: desk.chosenClass,
        summary: $('#case-summary').value.trim(), details: $('#case-details').value.trim() || null,
        complaintAbout: kind === 'COMPLAINT' ? $('#complaint-about').value : null,
        handOffTo: department || null, instructions: department ? $('#case-summary').value.trim() : null
      });
      saved = '工单已登记 case ' + created.number;
    }
    await send('POST', '/wrap-up', {callId: desk.wrapUp.callId, classification: desk.chosenClass, note: note || null});
    $('#wrap-up').hidden = true;
    desk.wrapUp = null;
    return saved;
  }, result => result);

  // ------------------------------------------------------------------ knowledge

  function suggestions(hits) {
    const list = $('#kb-suggestions');
    list.textContent = '';
    (hits || []).forEach(hit => list.appendChild(hitItem(hit, hit.title)));
    $('#kb-suggested-title').hidden = !(hits && hits.length);
  }

  function hitItem(hit, title) {
    const item = el('li');
    item.dataset.article = hit.code;
    const link = el('a');
    link.href = '#';
    link.className = 'title';
    link.appendChild(marked(title));
    link.addEventListener('click', event => { event.preventDefault(); openArticle(hit.code); });
    item.appendChild(link);
    item.appendChild(el('p', null, 'snippet')).appendChild(marked(hit.snippet));
    return item;
  }

  $('#kb-form').addEventListener('submit', async event => {
    event.preventDefault();
    const list = $('#kb-results');
    list.textContent = '';
    try {
      say('');
      const hits = await send('POST', '/knowledge/search', {q: $('#kb-q').value, limit: 10});
      hits.forEach(hit => list.appendChild(hitItem(hit, hit.titleHighlight)));
      if (!hits.length) list.appendChild(el('li', '没有找到 nothing found', 'none'));
    } catch (e) {
      say(e.message);
    }
  });

  async function openArticle(code) {
    try {
      const article = await send('GET', '/articles/' + encodeURIComponent(code));
      const view = $('#article');
      view.hidden = false;
      view.dataset.article = article.code;
      view.querySelector('.title').textContent = article.title;
      view.querySelector('.meta').textContent = '第' + article.version + '版 · ' + article.effectiveFrom + ' 起'
        + (article.validUntil ? ' 至 ' + article.validUntil : '') + ' · 审核 approved by ' + article.approvedBy
        + ' · ' + article.classifications.map(c => c.code + ' ' + (c.name || '')).join('、');
      const answer = view.querySelector('.answer');
      answer.textContent = '';
      article.answer.split('\n').forEach(line => answer.appendChild(el('p', line)));
      const documents = view.querySelector('.documents');
      documents.textContent = '';
      article.documents.forEach(d => documents.appendChild(el('li', d)));
      view.querySelector('.basis').textContent = article.basis;
      $('#sms-form').hidden = article.documents.length === 0;
      await prepareSms();
    } catch (e) {
      say(e.message);
    }
  }

  // ------------------------------------------------------------------ 一次性告知 by text message

  /** The number the list goes to: the caller of my call, masked; only a supervisor may type another. */
  async function prepareSms() {
    const input = $('#sms-number');
    try {
      const recipient = await send('GET', '/outreach/document-list/recipient');
      desk.smsCall = recipient.callId;
      input.value = recipient.number || '';
      input.dataset.shown = input.value;
      input.readOnly = !recipient.editable;
      await showSent();
    } catch (e) {
      desk.smsCall = null;
      input.value = '';
      input.placeholder = e.message;
    }
  }

  async function showSent() {
    const list = $('#sms-sent');
    list.textContent = '';
    if (!desk.smsCall) return;
    const messages = await send('GET', '/outreach/call-messages?callId=' + encodeURIComponent(desk.smsCall));
    messages.forEach(m => {
      const item = el('li', (PURPOSES[m.purpose] || m.purpose) + ' → ' + m.recipient + ' · ' + m.stateName
        + (m.waitingFor ? ' (' + m.waitingFor + ')' : '') + ' · ' + when(m.createdAt));
      item.dataset.state = m.state;
      list.appendChild(item);
    });
    clearTimeout(desk.smsTimer);
    if (messages.some(m => !FINAL.includes(m.state)) && !$('#article').hidden) {
      desk.smsTimer = setTimeout(() => showSent().catch(() => {}), 2000); // delivery receipts come later
    }
  }

  $('#sms-form').addEventListener('submit', async event => {
    event.preventDefault();
    const input = $('#sms-number');
    const body = {article: $('#article').dataset.article, callId: desk.smsCall};
    if (!input.readOnly && input.value !== input.dataset.shown) body.number = input.value;
    $('#sms-send').disabled = true;
    try {
      say('');
      const sent = await send('POST', '/outreach/document-list', body);
      say('清单已提交短信发送 list queued for ' + sent.recipient, true);
      await showSent();
    } catch (e) {
      say(e.message);
    } finally {
      $('#sms-send').disabled = false;
    }
  });

  // ------------------------------------------------------------------ a call opened by its address

  async function openCallFromAddress() {
    const match = /^\/desk\/calls\/([^/]+)$/.exec(location.pathname);
    if (!match) return;
    try {
      const pop = await send('GET', '/calls/' + encodeURIComponent(decodeURIComponent(match[1])));
      if (!desk.call) {
        desk.call = pop;
        renderCall();
        $('#history').hidden = false;
      }
    } catch (e) {
      say(e.message);
    }
  }

  setInterval(tick, 1000);
  connect();
  openCallFromAddress();
})();
