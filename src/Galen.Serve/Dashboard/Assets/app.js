// Galen clinician dashboard: plain JavaScript, no build step. Reads the authenticated REST API
// with the API key the clinician enters (kept in sessionStorage for this tab only).
'use strict';

const KEY = 'galen-api-key';
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function percent(p) { return p === null || p === undefined ? '—' : (p * 100).toFixed(0) + '%'; }
function when(t) { return t ? new Date(t).toISOString().slice(0, 16).replace('T', ' ') : '—'; }

async function api(path) {
  const response = await fetch(path, { headers: { 'X-Api-Key': sessionStorage.getItem(KEY) || '' } });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    showSignIn('Your key was not accepted. Enter it again.');
    throw new Error('unauthorised');
  }
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  return response.json();
}

function showSignIn(message) {
  $('content').hidden = true;
  $('key-form').hidden = false;
  $('sign-out').hidden = true;
  if (message) $('key-form').querySelector('p').textContent = message;
}

function status(text) { $('status').textContent = text || ''; }

async function patientsPage() {
  const models = await api('/api/models');
  const select = $('model-select');
  for (const m of models) {
    const option = el('option', `${m.title} (v${m.version})`);
    option.value = m.id;
    select.append(option);
  }
  if (models.length === 0) { status('No models are being served yet.'); return; }
  const model = params.get('model') || models[0].id;
  select.value = model;
  select.addEventListener('change', () => { location.search = '?model=' + encodeURIComponent(select.value); });
  $('card-link').href = 'model.html?id=' + encodeURIComponent(model);
  status('Scoring patients…');
  const patients = await api('/api/patients?model=' + encodeURIComponent(model));
  const body = $('patients').querySelector('tbody');
  for (const p of patients) {
    const row = el('tr');
    row.dataset.patient = p.patientId;
    const link = el('a', p.label);
    link.href = `patient.html?id=${encodeURIComponent(p.patientId)}&model=${encodeURIComponent(model)}`;
    const name = el('td'); name.append(link);
    const bar = el('div', null, 'bar ' + (p.indicator || ''));
    const fill = el('span'); fill.style.width = ((p.probability || 0) * 100).toFixed(1) + '%'; bar.append(fill);
    const barCell = el('td'); barCell.append(bar);
    row.append(name, el('td', p.patientId, 'muted'), el('td', percent(p.probability), 'risk'), barCell, el('td', when(p.asOf), 'muted'));
    body.append(row);
  }
  status(`${patients.length} patients, highest risk first.`);
}

function trendChart(points) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 640 180');
  svg.setAttribute('role', 'img');
  const x = (i) => 40 + (points.length === 1 ? 280 : (i * 560) / (points.length - 1));
  const y = (p) => 160 - p * 140;
  for (const level of [0, 0.5, 1]) {
    const line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', 40); line.setAttribute('x2', 600); line.setAttribute('y1', y(level)); line.setAttribute('y2', y(level));
    line.setAttribute('stroke', '#d8dee6');
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 4); label.setAttribute('y', y(level) + 4); label.setAttribute('font-size', '11');
    label.textContent = (level * 100) + '%';
    svg.append(line, label);
  }
  const path = document.createElementNS(ns, 'polyline');
  path.setAttribute('points', points.map((p, i) => `${x(i)},${y(p.probability)}`).join(' '));
  path.setAttribute('fill', 'none'); path.setAttribute('stroke', '#2f6fb3'); path.setAttribute('stroke-width', '2');
  svg.append(path);
  points.forEach((p, i) => {
    const dot = document.createElementNS(ns, 'circle');
    dot.setAttribute('cx', x(i)); dot.setAttribute('cy', y(p.probability)); dot.setAttribute('r', 4); dot.setAttribute('fill', '#2f6fb3');
    const title = document.createElementNS(ns, 'title'); title.textContent = `${when(p.asOf)}: ${percent(p.probability)}`;
    dot.append(title);
    svg.append(dot);
  });
  return svg;
}

async function patientPage() {
  const id = params.get('id');
  const model = params.get('model');
  if (!id || !model) { status('Open a patient from the list.'); return; }
  $('back-link').href = './?model=' + encodeURIComponent(model);
  $('card-link').href = 'model.html?id=' + encodeURIComponent(model);
  const risk = await api(`/api/patients/${encodeURIComponent(id)}/risk?model=${encodeURIComponent(model)}`);
  $('title').textContent = 'Patient ' + risk.patientId;
  $('risk').textContent = percent(risk.probability);
  $('outcome').textContent = 'risk of ' + risk.outcome;
  const badge = $('indicator');
  badge.textContent = risk.indicator; badge.className = 'badge ' + risk.indicator;
  $('model-version').textContent = `${risk.model} version ${risk.version}, as of ${when(risk.asOf)}`;
  const reasons = $('reasons');
  for (const r of risk.reasons) {
    const item = el('li');
    item.append(el('span', r.text), document.createTextNode(' '), el('span', r.direction === 'raises' ? '▲' : '▼', r.direction));
    reasons.append(item);
  }
  if (risk.reasons.length === 0) reasons.append(el('li', 'No reasons available for this model.', 'muted'));
  // Sequence networks say how their reasons were found (attention or occlusion).
  if (risk.reasonMethod) reasons.after(el('p', risk.reasonMethod, 'muted'));
  $('trend').append(trendChart(risk.trend));
}

async function modelPage() {
  const id = params.get('id');
  if (!id) { status('No model given.'); return; }
  const card = await api('/api/models/' + encodeURIComponent(id));
  $('title').textContent = `${card.title} — version ${card.version}`;
  $('description').textContent = `${card.description}. Predicts ${card.outcome.description}.`;
  $('intended-use').textContent = card.card.intendedUse;
  $('population').textContent = card.card.population;
  const metrics = $('metrics').querySelector('tbody');
  for (const m of card.card.metrics) {
    const ci = m.lower === null || m.lower === undefined ? '—' : `${m.lower.toFixed(3)}–${m.upper.toFixed(3)}`;
    const row = el('tr');
    row.append(el('td', m.name), el('td', m.subgroup || 'all'), el('td', m.value.toFixed(3)), el('td', ci));
    metrics.append(row);
  }
  for (const l of card.card.limitations) $('limitations').append(el('li', l));
  const reporting = $('reporting').querySelector('tbody');
  for (const item of card.card.reporting || []) {
    const row = el('tr');
    const text = item.text ? el('td', item.text) : el('td', 'not stated', 'muted');
    row.append(el('th', item.item), text);
    reporting.append(row);
  }
  $('reporting').hidden = !(card.card.reporting || []).length;
  const features = $('features').querySelector('tbody');
  for (const f of card.features) {
    const row = el('tr');
    row.append(el('td', f.displayName), el('td', f.name, 'muted'), el('td', f.kind), el('td', f.unit || ''));
    features.append(row);
  }
  const lineage = $('lineage');
  const facts = [
    ['Data fingerprint', card.lineage.dataFingerprint],
    ['Bundle SHA-256', card.lineage.bundleSha256],
    ['Registered by', `${card.lineage.registeredBy}, ${when(card.lineage.registeredAt)}`],
    ['Task', Object.entries(card.lineage.taskParameters).map(([k, v]) => `${k}=${v}`).join(', ') || '—'],
    ['Configuration', Object.entries(card.lineage.configuration).map(([k, v]) => `${k}=${v}`).join(', ') || '—'],
  ];
  for (const [term, value] of facts) lineage.append(el('dt', term), el('dd', value));
  const history = $('history').querySelector('tbody');
  for (const h of card.history) {
    const row = el('tr');
    row.append(el('td', h.version), el('td', h.from || '—'), el('td', h.to), el('td', h.actor), el('td', when(h.at)), el('td', h.reason));
    history.append(row);
  }
}

async function main() {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key-input').value.trim());
    location.reload();
  });
  $('sign-out').addEventListener('click', () => { sessionStorage.removeItem(KEY); location.reload(); });
  if (!sessionStorage.getItem(KEY)) { showSignIn(); return; }
  $('content').hidden = false;
  $('sign-out').hidden = false;
  const page = document.body.dataset.page;
  try {
    if (page === 'patients') await patientsPage();
    else if (page === 'patient') await patientPage();
    else if (page === 'model') await modelPage();
  } catch (error) {
    if (error.message !== 'unauthorised') status('Could not load: ' + error.message);
  }
}

main();
