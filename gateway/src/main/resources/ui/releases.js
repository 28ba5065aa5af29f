// Sluice dashboard: versions and aliases on a function's card. Loaded before dashboard.js, whose helpers (el,
// fillInstances) it uses when a snapshot is drawn.
//
// 1. Each published version runs in a pool of its own: its instances are drawn beside LATEST's, as LATEST's are.
// 2. Each alias splits its calls between versions by weight: a bar of the split it is configured with, and a bar of
//    the split the calls took over the last SPLIT_WINDOW_MS. The gateway counts calls by version, not by alias
//    (callsByVersion, since it started), so the observed split is how much each of the alias's versions' counts grew
//    from snapshot to snapshot; a call that names a version directly counts too.
// A function without versions or aliases gets neither: its card looks as it always did.
'use strict';

const SPLIT_WINDOW_MS = 10 * 1000;
const VERSION_COLOURS = 6;

/** Per function: callsByVersion of the last snapshot, the base the next one's growth is taken from. */
const lastCallsByVersion = new Map();
/** Per function: {t, calls: {version: count}}, what each snapshot of the last SPLIT_WINDOW_MS added, oldest first. */
const callGrowth = new Map();

function fillReleases(card, fn) {
  const recent = rememberCalls(fn, Date.now());
  const versions = fn.versions || [];
  const calls = fn.callsByVersion || {};
  const pools = card.querySelector('.pools');
  // Alone, LATEST's pool needs no title: the card is the function's.
  pools.classList.toggle('with-versions', versions.length > 0);
  fillPoolTitle(pools.querySelector('.pool.latest'), fn, calls);
  fillVersionPools(pools, versions, calls);
  card.querySelector('.aliases').replaceChildren(...(fn.aliases || []).map((alias) => aliasSplit(alias, recent)));
}

// ---- the calls of the last seconds ----

/** Keeps what each version's count grew by since the last snapshot; returns the growth over the window. */
function rememberCalls(fn, now) {
  const calls = fn.callsByVersion || {};
  const before = lastCallsByVersion.get(fn.name);
  lastCallsByVersion.set(fn.name, calls);
  let samples = callGrowth.get(fn.name) || [];
  if (before) {
    const grown = growth(before, calls);
    // Counts only grow while a gateway runs: one that shrank is a new gateway, counting from 0 again.
    if (grown === null) samples = [];
    else if (Object.keys(grown).length > 0) samples.push({ t: now, calls: grown });
  }
  samples = samples.filter((sample) => sample.t > now - SPLIT_WINDOW_MS);
  callGrowth.set(fn.name, samples);
  const sum = {};
  for (const sample of samples) {
    for (const [version, count] of Object.entries(sample.calls)) sum[version] = (sum[version] || 0) + count;
  }
  return sum;
}

/** Returns {version: calls} for the versions whose count grew, or null when a count shrank or went away. */
function growth(before, now) {
  const grown = {};
  for (const [version, count] of Object.entries(before)) {
    if (!(version in now) || now[version] < count) return null;
  }
  for (const [version, count] of Object.entries(now)) {
    const added = count - (before[version] || 0);
    if (added > 0) grown[version] = added;
  }
  return grown;
}

// ---- version pools ----

function versionLabel(version) {
  return version === 'LATEST' ? 'LATEST' : 'v' + version;
}

/** The colour of a version, the same in its pool's title and in every split bar. */
function versionColour(version) {
  const n = Number(version);
  return 'version-colour-' + (Number.isInteger(n) && n > 0 ? (n - 1) % VERSION_COLOURS : 'latest');
}

/** A pool's title: its version, in its colour, and below it its in-flight calls, capacity and calls so far. */
function fillPoolTitle(box, pool, calls) {
  const version = pool.version || 'LATEST';
  const title = box.querySelector(':scope > .pool-title');
  if (title.textContent !== versionLabel(version)) {
    title.replaceChildren(el('span', { class: 'swatch ' + versionColour(version) }), versionLabel(version));
  }
  const detail = 'in flight ' + pool.inFlight + ' / ' + pool.capacity + ' · calls ' + (calls[version] || 0);
  const line = box.querySelector(':scope > .pool-detail');
  if (line.textContent !== detail) line.textContent = detail;
}

/** Draws one pool per published version after LATEST's, oldest version first, keeping the boxes it can. */
function fillVersionPools(pools, versions, calls) {
  const seen = new Set();
  // The snapshot does not promise an order; by number, v10 comes after v9.
  const ordered = [...versions].sort((a, b) => Number(a.version) - Number(b.version));
  for (const version of ordered) {
    seen.add(version.version);
    let pool = pools.querySelector(':scope > .pool[data-version="' + CSS.escape(version.version) + '"]');
    if (!pool) {
      pool = el('div', { class: 'pool', 'data-version': version.version },
        el('div', { class: 'pool-title' }), el('div', { class: 'pool-detail' }), el('div', { class: 'instances' }));
    }
    pools.append(pool);
    fillPoolTitle(pool, version, calls);
    fillInstances(pool.querySelector('.instances'), version.instances || []);
  }
  for (const pool of pools.querySelectorAll(':scope > .pool:not(.latest)')) {
    if (!seen.has(pool.dataset.version)) pool.remove();
  }
}

// ---- an alias's split ----

function percent(share) {
  return Math.round(share * 1000) / 10 + '%';
}

/** Returns [version, share] for an alias: its own version takes what the additional weights leave. */
function configuredSplit(alias) {
  const weights = Object.entries(alias.weights || {}).sort(([a], [b]) => Number(a) - Number(b));
  const others = weights.reduce((sum, [, weight]) => sum + weight, 0);
  return [[alias.version, Math.max(0, 1 - others)], ...weights];
}

function aliasSplit(alias, recent) {
  const configured = configuredSplit(alias);
  const observed = configured.map(([version]) => [version, recent[version] || 0]);
  const total = observed.reduce((sum, [, count]) => sum + count, 0);
  const seconds = SPLIT_WINDOW_MS / 1000;
  const configuredText = alias.name + ': ' +
    configured.map(([version, share]) => versionLabel(version) + ' ' + percent(share)).join(' · ');
  const observedText = 'observed, last ' + seconds + ' s: ' + (total === 0 ? 'no calls'
    : observed.map(([version, count]) => versionLabel(version) + ' ' + percent(count / total) + ' (' + count + ')')
      .join(' · '));
  return el('div', { class: 'alias', 'data-alias': alias.name },
    el('div', { class: 'split-title', text: configuredText }),
    splitBar('split-configured', configured.map(([version, share]) =>
      ({ version, share, text: versionLabel(version) + ' ' + percent(share) }))),
    el('div', { class: 'split-title observed', text: observedText }),
    splitBar('split-observed', total === 0 ? [] : observed.map(([version, count]) =>
      ({ version, share: count / total, calls: count, text: versionLabel(version) + ' ' + count }))));
}

/** A stacked bar, one part per version with a share; a part carries its version, share and calls as data. */
function splitBar(cls, parts) {
  const bar = el('div', { class: 'split-bar ' + cls });
  for (const part of parts) {
    if (!(part.share > 0)) continue;
    const share = percent(part.share);
    bar.append(el('div', {
      class: 'split-part ' + versionColour(part.version),
      style: 'width:' + 100 * part.share + '%',
      'data-version': part.version,
      'data-share': share,
      'data-calls': part.calls,
      title: part.text + (part.calls === undefined ? '' : ' calls, ' + share),
    }, el('span', { text: part.text })));
  }
  return bar;
}
