// The supervisors' knowledge page: drafts waiting for review beside the version in force, what changed marked; approve
// or return them (never one's own: four eyes); write new versions and articles; who read an article. Plain requests
// to /knowledge/data with the session's CSRF token; a refusal shows the service's reason in the message line.
(function () {
  'use strict';

  const {el, say, send, when} = window.StaffPage('/knowledge/data'); // web/page.js
  const STATUS = {DRAFT: '待审核 draft', APPROVED: '已批准 approved', REJECTED: '已退回 returned',
    REPLACED: '已被替代 replaced'};
  const FIELDS = [
    ['title', '标题 title', v => v.title],
    ['answer', '答复口径 answer', v => v.answer],
    ['basis', '政策依据 basis', v => v.basis],
    ['documents', '一次性告知清单 documents', v => (v.documents || []).join('\n')],
    ['classifications', '分类 classes', v => (v.classifications || []).join(' ')],
    ['ivrNodes', '导航节点 IVR nodes', v => (v.ivrNodes || []).join(' ')],
    ['dates', '生效 in force', v => v.effectiveFrom + ' – ' + (v.validUntil || '')],
    ['note', '修改说明 note', v => v.note || '']
  ];

  const page = {me: document.getElementById('user').textContent.trim(), catalogue: [], review: null, editing: null};
  const $ = selector => document.querySelector(selector);

  /** Runs the work; what goes wrong is said in the message line. */
  function attempt(work) {
    work().catch(e => say(e.message));
  }

  function show(panel) {
    ['#review', '#article', '#editor'].forEach(id => { $(id).hidden = id !== panel; });
  }

  // ------------------------------------------------------------------ lists

  async function loadDrafts() {
    const drafts = await send('GET', '/drafts');
    const list = $('#drafts');
    list.textContent = '';
    drafts.forEach(d => {
      const item = el('li');
      item.dataset.article = d.code;
      item.dataset.version = d.version;
      const link = el('a', d.title, 'title');
      link.href = '#';
      link.addEventListener('click', event => { event.preventDefault(); attempt(() => review(d.code, d.version)); });
      item.appendChild(link);
      item.appendChild(el('p', d.code + ' · 第' + d.version + '版 · ' + d.author + ' · ' + when(d.writtenAt), 'snippet'));
      list.appendChild(item);
    });
    $('#draft-count').textContent = drafts.length;
    if (!drafts.length) list.appendChild(el('li', '没有待审核的版本 nothing waiting', 'none'));
  }

  async function loadCatalogue() {
    page.catalogue = await send('GET', '/catalogue');
    renderCatalogue();
  }

  function renderCatalogue() {
    const q = $('#filter').value.trim().toLowerCase();
    const body = $('#articles tbody');
    body.textContent = '';
    page.catalogue.filter(a => !q || a.code.includes(q) || a.title.toLowerCase().includes(q)).forEach(a => {
      const row = el('tr');
      row.dataset.article = a.code;
      row.appendChild(el('td', a.code));
      row.appendChild(el('td', a.title));
      row.appendChild(el('td', a.inForce ? '第' + a.inForce + '版' + (a.inForceUntil ? ' 至 ' + a.inForceUntil : '')
        : '未生效 none'));
      row.appendChild(el('td', '第' + a.newest + '版 ' + STATUS[a.newestStatus]));
      row.addEventListener('click', () => attempt(() => openArticle(a.code)));
      body.appendChild(row);
    });
  }

  $('#filter').addEventListener('input', renderCatalogue);

  async function refresh() {
    await Promise.all([loadDrafts(), loadCatalogue()]);
  }

  // ------------------------------------------------------------------ review

  /** The version agents read now, else the newest approved one before the draft: what the draft is compared with. */
  function baseOf(versions, draft) {
    const entry = page.catalogue.find(a => a.code === draft.code);
    return versions.find(v => entry && v.version === entry.inForce)
      || versions.find(v => v.status === 'APPROVED' && v.version < draft.version) || null;
  }

  async function review(code, version) {
    const versions = await send('GET', '/articles/' + encodeURIComponent(code) + '/versions');
    const draft = versions.find(v => v.version === version);
    const base = baseOf(versions, draft);
    page.review = draft;
    const panel = $('#review');
    panel.dataset.article = code;
    panel.dataset.version = version;
    panel.querySelector('.which').textContent = code + ' 第' + version + '版';
    panel.querySelector('.meta').textContent = '撰写 written by ' + draft.author + ' · ' + when(draft.writtenAt)
      + (base ? ' · 对比 compared with 第' + base.version + '版' : ' · 新文章 a new article');
    const body = panel.querySelector('.compare tbody');
    body.textContent = '';
    FIELDS.forEach(([name, label, read]) => {
      const before = base ? read(base) : '';
      const after = read(draft);
      const row = el('tr');
      row.dataset.field = name;
      row.dataset.changed = String(before !== after);
      row.appendChild(el('th', label));
      const [old, now] = diff(before, after);
      row.appendChild(old);
      row.appendChild(now);
      body.appendChild(row);
    });
    const own = draft.author === page.me;
    $('#four-eyes').hidden = !own;
    $('#approve').disabled = own || draft.status !== 'DRAFT';
    $('#reject').disabled = own || draft.status !== 'DRAFT';
    $('#review-note').value = '';
    show('#review');
  }

  /** Two cells: the lines only before struck out, the lines only after marked as added (longest common lines kept). */
  function diff(before, after) {
    const a = before ? before.split('\n') : [];
    const b = after ? after.split('\n') : [];
    const common = Array.from({length: a.length + 1}, () => new Array(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    const left = el('td', null, 'base');
    const right = el('td', null, 'draft');
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        left.appendChild(el('div', a[i++]));
        right.appendChild(el('div', b[j++]));
      } else if (j < b.length && (i >= a.length || common[i][j + 1] >= common[i + 1][j])) {
        right.appendChild(el('ins', b[j++]));
      } else {
        left.appendChild(el('del', a[i++]));
      }
    }
    return [left, right];
  }

  async function decide(outcome) {
    const draft = page.review;
    const note = $('#review-note').value.trim();
    const done = await send('POST', '/articles/' + encodeURIComponent(draft.code) + '/versions/' + draft.version + '/'
      + outcome, {note: note || null});
    say(outcome === 'approve'
      ? '已批准第' + done.version + '版，自' + done.effectiveFrom + '起坐席读到的就是它 approved: agents read it from '
        + done.effectiveFrom
      : '已退回第' + done.version + '版 returned to ' + done.author, true);
    await refresh();
    await openArticle(draft.code);
  }

  $('#approve').addEventListener('click', () => attempt(() => decide('approve')));
  $('#reject').addEventListener('click', () => attempt(() => decide('reject')));

  // ------------------------------------------------------------------ an article

  async function openArticle(code) {
    const versions = await send('GET', '/articles/' + encodeURIComponent(code) + '/versions');
    const panel = $('#article');
    panel.querySelector('.code').textContent = code;
    panel.querySelector('.title').textContent = versions[0].title;
    page.editing = versions[0];
    const body = $('#versions tbody');
    body.textContent = '';
    versions.forEach(v => {
      const row = el('tr');
      row.dataset.version = v.version;
      row.dataset.status = v.status;
      row.appendChild(el('td', String(v.version)));
      row.appendChild(el('td', STATUS[v.status]));
      row.appendChild(el('td', v.author + ' ' + when(v.writtenAt)));
      row.appendChild(el('td', v.reviewedBy ? v.reviewedBy + ' ' + when(v.reviewedAt)
        + (v.reviewNote ? ' · ' + v.reviewNote : '') : ''));
      row.appendChild(el('td', v.effectiveFrom + ' – ' + (v.validUntil || '')));
      row.appendChild(el('td', v.note || ''));
      if (v.status === 'DRAFT') row.addEventListener('click', () => attempt(() => review(code, v.version)));
      body.appendChild(row);
    });
    const openings = await send('GET', '/openings?article=' + encodeURIComponent(code));
    $('#opened-count').textContent = openings.length;
    const list = $('#openings');
    list.textContent = '';
    openings.slice(0, 10).forEach(o => list.appendChild(el('li', when(o.at) + ' · ' + o.username
      + (o.workNumber ? ' (' + o.workNumber + ')' : '') + ' · 第' + o.version + '版' + (o.callId ? ' · 通话 call ' + o.callId : ''))));
    panel.dataset.article = code; // set once everything is in place: a test waits for it
    show('#article');
  }

  // ------------------------------------------------------------------ writing

  const words = text => text.split(/[\s,，、]+/).filter(w => w);

  function edit(from) {
    page.editing = from;
    $('#editor .which').textContent = from ? from.code + ' 第' + (from.version + 1) + '版，基于第' + from.version + '版'
      : '新文章 a new article';
    $('#ed-code').value = from ? from.code : '';
    $('#ed-code').disabled = !!from;
    $('#ed-title').value = from ? from.title : '';
    $('#ed-answer').value = from ? from.answer : '';
    $('#ed-basis').value = from ? from.basis : '';
    $('#ed-documents').value = from ? from.documents.join('\n') : '';
    $('#ed-classes').value = from ? from.classifications.join(' ') : '';
    $('#ed-ivr').value = from ? from.ivrNodes.join(' ') : '';
    $('#ed-from').value = from ? from.effectiveFrom : '';
    $('#ed-until').value = from && from.validUntil ? from.validUntil : '';
    $('#ed-note').value = '';
    show('#editor');
  }

  $('#write-version').addEventListener('click', () => edit(page.editing));
  $('#new-article').addEventListener('click', () => edit(null));
  $('#cancel-edit').addEventListener('click', () => show(page.editing ? '#article' : null));

  $('#editor-form').addEventListener('submit', async event => {
    event.preventDefault();
    const from = page.editing;
    const code = $('#ed-code').value.trim();
    try {
      say('');
      const written = await send('POST', '/articles/' + encodeURIComponent(code) + '/versions', {
        basedOn: from ? from.version : null, title: $('#ed-title').value, answer: $('#ed-answer').value,
        basis: $('#ed-basis').value, documents: $('#ed-documents').value.split('\n').map(d => d.trim()).filter(d => d),
        classifications: words($('#ed-classes').value), ivrNodes: words($('#ed-ivr').value),
        effectiveFrom: $('#ed-from').value || null, validUntil: $('#ed-until').value || null,
        note: $('#ed-note').value.trim() || null
      });
      say('已提交第' + written.version + '版，等待另一位班长审核 version ' + written.version
        + ' waits for another supervisor', true);
      await refresh();
      await openArticle(written.code);
    } catch (e) {
      say(e.message);
    }
  });

  attempt(refresh);
})();
