// Sluice dashboard. Reads GET /system/metrics for the state of every function and GET /system/events (server-sent
// events) for what happens, as it happens. No framework and nothing loaded from elsewhere: it ships with the gateway.
// A card's versions and aliases are drawn by releases.js.
//
// 1. On load: one snapshot, then the event stream.
// 2. On each event: a line in the log, and a fresh snapshot (at most one every 250 ms).
// 3. Every 2 s: a snapshot anyway, so numbers stay fresh, and a point on each sparkline.
// 4. When the stream breaks: body[data-connection=disconnected]; EventSource retries by itself (the gateway asks for
//    2 s). When it opens again: a fresh snapshot and body[data-connection=live].
'use strict';

const SNAPSHOT = '/system/metrics';
const EVENTS = '/system/events';
const POLL_MS = 2000;
const MIN_REFRESH_MS = 250;
const HISTORY_MS = 5 * 60 * 1000;
const LOG_LINES = 200;
const MAX_SLOT_CELLS = 20;
const PHASES = [
  ['create', 'create'],
  ['start', 'start'],
  ['portReady', 'port ready'],
  ['specialize', 'specialize'],
  ['initialize', 'initialize'],
];

/** Per function: samples {t, inFlight, capacity, p50} of the last HISTORY_MS, oldest first. */
const history = new Map();
/** Per function: the last scale decision seen on the event stream, as a log line. */
const lastScale = new Map();
/** Per function: the phases of the last cold start seen on the event stream. */
const lastCold = new Map();

let source = null;
let fetching = false;
let fetchAgain = false;
let refreshTimer = null;
let lastFetchAt = 0;

// ---- small helpers ----

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function clock(millis) {
  const d = new Date(millis);
  return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

function ms(value) {
  if (typeof value !== 'number' || !isFinite(value)) return '–';
  return value >= 100 ? Math.round(value) + ' ms' : value.toFixed(1) + ' ms';
}

// ---- connection ----

function setConnection(state) {
  if (document.body.dataset.connection === state) return;
  const was = document.body.dataset.connection;
  document.body.dataset.connection = state;
  document.getElementById('connection').textContent =
    state === 'live' ? 'live' : state === 'disconnected' ? 'disconnected — reconnecting' : 'connecting…';
  if (state === 'disconnected') log(Date.now(), 'connection', 'disconnected from the gateway; reconnecting');
  if (state === 'live' && was === 'disconnected') log(Date.now(), 'connection', 'reconnected to the gateway');
}

function connect() {
  source = new EventSource(EVENTS);
  source.onopen = () => {
    setConnection('live');
    refreshNow();
  };
  source.onerror = () => {
    setConnection('disconnected');
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. an error status): start over as the gateway's retry would.
      source = null;
      setTimeout(connect, POLL_MS);
    }
  };
  for (const type of ['instance', 'scale', 'coldStart', 'reload', 'timer']) {
    source.addEventListener(type, (message) => onEvent(type, message.data));
  }
}

function onEvent(type, data) {
  let event;
  try {
    event = JSON.parse(data);
  } catch (e) {
    return;
  }
  if (type === 'scale') {
    const line = scaleLine(event);
    lastScale.set(event.function, clock(event.time) + ' ' + line);
    log(event.time, type, event.function + ' ' + line);
  } else if (type === 'coldStart') {
    lastCold.set(event.function, { instance: event.instance, phases: event.phasesMs });
    log(event.time, type, event.instance + ' ' + coldLine(event.phasesMs));
  } else if (type === 'reload') {
    log(event.time, type, event.function + ' ' + event.change + ' (' + event.cause + ')');
  } else if (type === 'timer') {
    log(event.time, type, event.function + ' timer ' + event.trigger + ': ' + event.outcome +
      (event.outcome === 'skipped' ? ' (the previous run still goes)' : ' (' + event.millis + ' ms)'));
  } else {
    log(event.time, type, event.instance + ' ' + event.state + (event.reason ? ' (' + event.reason + ')' : ''));
  }
  scheduleRefresh();
}

function scaleLine(event) {
  return 'scale ' + event.direction + ': ' + event.formula + ' (' + event.reason + ') live ' + event.live +
    ' -> desired ' + event.desired;
}

function coldLine(phases) {
  const parts = PHASES.filter(([key]) => phases[key] > 0).map(([key, label]) => label + ' ' + phases[key]);
  return 'cold start ' + phases.total + ' ms' + (parts.length ? ' (' + parts.join(', ') + ')' : '');
}

function log(time, type, text) {
  const list = document.getElementById('event-log');
  list.prepend(el('li', { 'data-type': type, text: clock(time) + ' ' + text }));
  while (list.children.length > LOG_LINES) list.lastElementChild.remove();
}

// ---- snapshots ----

function scheduleRefresh() {
  if (refreshTimer !== null) return;
  const wait = Math.max(0, lastFetchAt + MIN_REFRESH_MS - Date.now());
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshNow();
  }, wait);
}

async function refreshNow() {
  if (fetching) {
    fetchAgain = true;
    return;
  }
  fetching = true;
  lastFetchAt = Date.now();
  try {
    const response = await fetch(SNAPSHOT, { cache: 'no-store' });
    if (!response.ok) throw new Error('status ' + response.status);
    render(await response.json());
  } catch (e) {
    if (!source || source.readyState !== EventSource.OPEN) setConnection('disconnected');
  } finally {
    fetching = false;
    if (fetchAgain) {
      fetchAgain = false;
      scheduleRefresh();
    }
  }
}

function render(snapshot) {
  const now = Date.now();
  const container = document.getElementById('functions');
  const seen = new Set();
  for (const fn of snapshot.functions || []) {
    seen.add(fn.name);
    remember(fn, now);
    let card = container.querySelector(':scope > [data-function="' + CSS.escape(fn.name) + '"]');
    if (!card) card = newCard(fn.name);
    container.append(card); // keeps the snapshot's order
    fillCard(card, fn);
  }
  for (const card of [...container.children]) {
    if (!seen.has(card.dataset.function)) card.remove();
  }
  document.getElementById('no-functions').hidden = seen.size > 0;
  renderServices(snapshot.services || []);
  renderEngine(snapshot.engine);
  document.getElementById('updated').textContent = 'updated ' + clock(now);
}

// The engine can go away while the gateway stays: say so above everything, with since when.
function renderEngine(engine) {
  const banner = document.getElementById('engine-banner');
  const down = engine && engine.up === false;
  banner.hidden = !down;
  if (down) {
    banner.textContent = 'The Docker engine at ' + engine.host + ' cannot be reached since '
      + clock(Date.parse(engine.since)) + ' (' + engine.reason + '): new instances cannot start; warm ones go on.';
  }
}

function remember(fn, now) {
  const samples = history.get(fn.name) || [];
  const last = samples[samples.length - 1];
  const sample = { t: now, inFlight: fn.inFlight, capacity: fn.capacity, p50: (fn.latencyMs || {}).p50 };
  if (last && now - last.t < 1000) samples[samples.length - 1] = { ...sample, t: last.t };
  else samples.push(sample);
  while (samples.length && samples[0].t < now - HISTORY_MS) samples.shift();
  history.set(fn.name, samples);
}

// ---- a function's card ----

function newCard(name) {
  return el('article', { class: 'card', 'data-function': name },
    el('h2', {}, el('span', { class: 'name', text: name }), el('span', { class: 'limits' })),
    el('div', { class: 'numbers' },
      el('span', {}, 'in flight ', el('b', { class: 'in-flight', text: '0' }),
        ' / capacity ', el('b', { class: 'capacity', text: '0' })),
      el('span', {}, 'queued ', el('b', { class: 'queued', text: '0' })),
      el('span', {}, 'instances ', el('b', { class: 'instance-count', text: '0' }))),
    el('div', { class: 'formula-row' },
      'instances needed: ', el('code', { class: 'formula' }), ' ', el('span', { class: 'desired' })),
    el('div', { class: 'last-scale' }),
    // LATEST's instances; published versions' pools join it here, side by side (releases.js).
    el('div', { class: 'pools' },
      el('div', { class: 'pool latest', 'data-version': 'LATEST' },
        el('div', { class: 'pool-title' }),
        el('div', { class: 'pool-detail' }),
        el('div', { class: 'instances' }))),
    el('div', { class: 'aliases' }),
    el('div', { class: 'stats' },
      el('span', { class: 'invocations' }),
      el('span', { class: 'latency' })),
    el('div', { class: 'sparks' },
      el('label', { class: 'spark' }, el('canvas', { class: 'spark-in-flight' }), 'in flight, last 5 min'),
      el('label', { class: 'spark' }, el('canvas', { class: 'spark-p50' }), 'p50 latency, last 5 min')),
    el('div', { class: 'cold' }),
    el('div', { class: 'calls' }));
}

function fillCard(card, fn) {
  const text = (selector, value) => {
    const node = card.querySelector(selector);
    if (node.textContent !== String(value)) node.textContent = String(value);
  };
  const instances = fn.instances || [];
  text('.limits', 'instance concurrency ' + fn.instanceConcurrency + ' · instances ' + fn.minInstances + '–' +
    fn.maxInstances);
  text('.in-flight', fn.inFlight);
  text('.capacity', fn.capacity);
  text('.queued', fn.queued);
  text('.instance-count', instances.length);
  text('.formula', fn.formula);
  text('.desired', fn.desired !== undefined ? '→ wanted ' + fn.desired + ' (max ' + fn.maxInstances + ')' : '');
  const decision = lastScale.get(fn.name) || (fn.lastDecision ? fn.lastDecision : '');
  text('.last-scale', decision ? 'last decision: ' + decision : 'no scale decision yet');
  fillInstances(card.querySelector('.pool.latest > .instances'), instances);
  fillReleases(card, fn);
  fillStats(card, fn);
  fillColdStart(card.querySelector('.cold'), fn);
  fillCalls(card.querySelector('.calls'), fn.recentCalls || []);
}

function fillInstances(box, instances) {
  const boxes = instances.map((instance) => {
    const state = instance.state;
    return el('div', {
      class: 'instance state-' + state + (instance.reserved ? ' reserved' : ''),
      'data-instance': instance.id,
      'data-state': state,
      'data-slots-in-use': instance.slotsInUse,
      title: instance.id + ': ' + state + ', ' + instance.slotsInUse + ' of ' + instance.slots + ' slots in use' +
        (instance.reserved ? ', reserved (kept by minInstances)' : ''),
    },
    el('div', {}, el('span', { class: 'id', text: instance.id }),
      instance.reserved ? el('span', { class: 'badge', text: 'reserved' }) : null),
    el('span', { class: 'state', text: state }),
    slots(instance.slotsInUse, instance.slots));
  });
  if (boxes.length === 0) boxes.push(el('span', { class: 'none', text: 'no instances: the next call starts one' }));
  box.replaceChildren(...boxes);
}

function slots(used, total) {
  if (total > MAX_SLOT_CELLS) {
    const share = total > 0 ? Math.min(100, (100 * used) / total) : 0;
    return el('div', {},
      el('div', { class: 'slot-meter' }, el('div', { style: 'width:' + share + '%' })),
      el('span', { class: 'slot-text', text: used + ' / ' + total + ' slots' }));
  }
  const cells = [];
  for (let i = 0; i < total; i++) cells.push(el('span', { class: i < used ? 'slot used' : 'slot' }));
  return el('div', { class: 'slots', 'aria-label': used + ' of ' + total + ' slots in use' }, ...cells);
}

function fillStats(card, fn) {
  const outcomes = fn.invocations || {};
  let ok = 0;
  let errors = 0;
  const kinds = [];
  for (const [outcome, count] of Object.entries(outcomes)) {
    if (outcome === 'success') ok += count;
    else {
      errors += count;
      kinds.push(outcome + ' ' + count);
    }
  }
  const invocations = card.querySelector('.invocations');
  invocations.textContent = 'calls ok ' + ok + ' · errors ' + errors;
  invocations.title = kinds.join(', ');
  const latency = fn.latencyMs || {};
  card.querySelector('.latency').textContent = latency.count
    ? 'latency p50 ' + ms(latency.p50) + ' · p90 ' + ms(latency.p90) + ' · p99 ' + ms(latency.p99)
    : 'latency: no calls yet';
  const samples = history.get(fn.name) || [];
  sparkline(card.querySelector('.spark-in-flight'), samples, (s) => s.inFlight, (s) => s.capacity);
  sparkline(card.querySelector('.spark-p50'), samples, (s) => s.p50, null);
}

/** Draws value(sample) over the last HISTORY_MS as a filled line; limit(sample), if given, as a thin step line. */
function sparkline(canvas, samples, value, limit) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, width, height);
  const points = samples.filter((s) => typeof value(s) === 'number' && isFinite(value(s)));
  if (points.length === 0) return;
  const now = Date.now();
  let top = 1;
  for (const s of points) top = Math.max(top, value(s), limit ? limit(s) : 0);
  const x = (s) => width - ((now - s.t) / HISTORY_MS) * width;
  const y = (v) => height - 2 * ratio - (v / top) * (height - 4 * ratio);
  g.beginPath();
  g.moveTo(x(points[0]), height);
  for (const s of points) g.lineTo(x(s), y(value(s)));
  g.lineTo(x(points[points.length - 1]), height);
  g.closePath();
  g.fillStyle = 'rgba(17, 17, 17, 0.25)';
  g.fill();
  g.beginPath();
  points.forEach((s, i) => (i === 0 ? g.moveTo(x(s), y(value(s))) : g.lineTo(x(s), y(value(s)))));
  g.strokeStyle = '#111';
  g.lineWidth = 2 * ratio;
  g.stroke();
  if (limit) {
    g.beginPath();
    points.forEach((s, i) => (i === 0 ? g.moveTo(x(s), y(limit(s))) : g.lineTo(x(s), y(limit(s)))));
    g.strokeStyle = '#1a7f37';
    g.lineWidth = ratio;
    g.stroke();
  }
}

function fillColdStart(box, fn) {
  const seen = lastCold.get(fn.name);
  const phases = seen ? seen.phases : fn.lastColdStartMs;
  if (!phases) {
    box.replaceChildren(el('div', { class: 'cold-title', text: 'no cold start yet' }));
    return;
  }
  const sum = PHASES.reduce((total, [key]) => total + (phases[key] || 0), 0) || 1;
  const bar = el('div', { class: 'cold-bar' });
  const legend = el('div', { class: 'cold-legend' });
  for (const [key, label] of PHASES) {
    const value = phases[key] || 0;
    if (value <= 0) continue;
    bar.append(el('div', { class: 'phase-' + key, style: 'width:' + (100 * value) / sum + '%',
      title: label + ' ' + value + ' ms' }));
    legend.append(el('span', { class: 'phase-' + key, text: label + ' ' + value + ' ms' }));
  }
  const who = seen ? ' (' + seen.instance + ')' : '';
  box.replaceChildren(el('div', { class: 'cold-title', text: 'last cold start' + who + ': ' + phases.total + ' ms' }),
    bar, legend);
}

/** A call's phases as [class, label, ms]: waiting for a slot, for a cold start, in the function, in the gateway. */
function callPhases(call) {
  const p = call.phasesMs;
  return [
    ['call-queue', 'queue', p.queue],
    ['call-cold', 'cold start', p.coldStart ? p.coldStart.waited : 0],
    ['call-function', 'function', p.function],
    ['call-gateway', 'gateway', p.gateway],
  ];
}

/** The last calls, newest first, each a bar split by phase, all on the scale of the longest. */
function fillCalls(box, calls) {
  if (calls.length === 0) {
    box.replaceChildren(el('div', { class: 'calls-title', text: 'no calls yet' }));
    return;
  }
  const longest = Math.max(...calls.map((call) => call.phasesMs.total)) || 1;
  const rows = calls.map((call) => {
    const bar = el('div', { class: 'call-bar', style: 'width:' + Math.max(2, (100 * call.phasesMs.total) / longest) + '%' });
    const parts = [];
    for (const [cls, label, ms] of callPhases(call)) {
      if (!(ms > 0)) continue;
      bar.append(el('div', { class: cls, style: 'width:' + (100 * ms) / call.phasesMs.total + '%' }));
      parts.push(label + ' ' + ms + ' ms');
    }
    return el('div', { class: 'call', 'data-request-id': call.requestId, title: call.requestId + ' (trace ' +
      call.traceId + '): ' + parts.join(', ') },
    el('span', { class: 'call-total', text: call.phasesMs.total.toFixed(1) + ' ms' }), bar);
  });
  box.replaceChildren(el('div', { class: 'calls-title', text: 'last calls, by phase: ' }),
    el('div', { class: 'calls-legend' }, ...callPhases(calls[0]).map(([cls, label]) => el('span', { class: cls, text: label }))),
    ...rows);
}

// ---- services ----

function renderServices(services) {
  const body = document.querySelector('#services tbody');
  const rows = services.map((service) => el('tr', { 'data-service': service.name },
    el('td', { text: service.name }),
    el('td', { text: service.state }),
    el('td', { text: service.endpoint || '–' }),
    el('td', { class: 'num', text: service.restarts })));
  if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: 4, class: 'empty', text: 'no services' })));
  body.replaceChildren(...rows);
}

// ---- start ----

refreshNow();
connect();
setInterval(refreshNow, POLL_MS);
