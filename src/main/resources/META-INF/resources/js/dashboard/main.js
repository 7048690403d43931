/**
 * The dashboard served at '/': panels fed over REST (conditional requests) and kept current by the
 * WebSocket, with the realtime store deciding when to fetch. See docs/dashboard.md.
 */
import { AnalyticsApi } from '../analytics/AnalyticsApi.js';
import { estimateFreshness } from '../analytics/AnalyticsCacheManager.js';
import { STATES, UPDATE_TYPES } from '../analytics/AnalyticsWebSocket.js';
import { createFormatters, formatSeconds } from '../analytics/format.js';
import { createRealtimeAnalytics, REFRESH_INTERVALS, UPDATE_STATUS } from '../analytics/realtime.js';
import { fragmentWithoutToken, isAdmin, isExpired, readClaims, tokenFromFragment } from '../analytics/token.js';
import { csvFileName, downloadCsv, toCsv } from './csv.js';
import { byId, el, keepingFocus } from './dom.js';
import { RENDERERS } from './panels.js';

const TOKEN_KEY = 'careboard.token';
const PREFERENCES_KEY = 'careboard.preferences';
/** The leaderboard's orders. */
const SORTS = Object.freeze({ completed: 'Completed consultations', rating: 'Rating (Bayesian)', revenue: 'Net revenue' });

/** The panels in page order; the overview first, so its request goes first too. */
const PANELS = Object.freeze([
    {
        topic: 'overview', title: 'Overview', wide: true,
        tools: () => el('button', { type: 'button', class: 'csv', id: 'overview-csv', 'aria-label': 'Export the overview as CSV' }, 'CSV'),
    },
    { topic: 'consultations', title: 'Consultations' },
    { topic: 'revenue', title: 'Revenue' },
    {
        topic: 'doctors', title: 'Doctor leaderboard', wide: true,
        tools: () => el('label', { class: 'inline' }, 'Sort by ', el('select', { id: 'doctor-sort' },
            Object.entries(SORTS).map(([value, text]) => el('option', { value }, text)))),
    },
    { topic: 'health_trends', title: 'Health trends', wide: true },
]);
const TOPICS = Object.freeze(PANELS.map((panel) => panel.topic));

function panelShell({ topic, title, wide, tools }) {
    return el('section', { class: wide ? 'panel panel-wide' : 'panel', id: `panel-${topic}`, dataset: { topic },
        'aria-labelledby': `${topic}-title` },
    el('div', { class: 'panel-head' }, el('h2', { id: `${topic}-title` }, title), tools?.(),
        el('p', { class: 'freshness', dataset: { role: 'freshness' } })),
    el('p', { class: 'panel-error', dataset: { role: 'error' }, role: 'alert' }),
    el('div', { class: 'panel-body', dataset: { role: 'body' } }, el('p', { class: 'loading' }, 'Loading…')));
}

byId('main').append(...PANELS.map(panelShell));
const PERIODS = ['today', 'week', 'month', 'year'];
/** The order the WebSocket pushes the doctors in (the REST default). */
const PUSHED_SORT = 'completed';

const locale = navigator.language;
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// --- Preferences (not secret: period, zone, refresh settings) -----------------------------------

function loadPreferences() {
    let saved = {};
    try {
        saved = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') ?? {};
    } catch {
        saved = {};
    }
    return {
        period: PERIODS.includes(saved.period) ? saved.period : 'today',
        tz: typeof saved.tz === 'string' && saved.tz ? saved.tz : browserZone,
        sort: saved.sort in SORTS ? saved.sort : PUSHED_SORT,
        autoRefresh: saved.autoRefresh !== false,
        interval: REFRESH_INTERVALS.includes(saved.interval) ? saved.interval : 30,
        live: saved.live !== false,
    };
}

const preferences = loadPreferences();

function savePreferences() {
    try {
        localStorage.setItem(PREFERENCES_KEY, JSON.stringify(preferences));
    } catch {
        // storage full or disabled: the settings last for this page only
    }
}

// --- Token -----------------------------------------------------------------------------------------

/** The token from the URL fragment (then removed from the address) or from this tab's session. */
function takeToken() {
    const fromFragment = tokenFromFragment(location.hash);
    if (fromFragment) {
        sessionStorage.setItem(TOKEN_KEY, fromFragment);
        history.replaceState(history.state, '', `${location.pathname}${location.search}${fragmentWithoutToken(location.hash)}`);
    }
    return sessionStorage.getItem(TOKEN_KEY);
}

let token = null;
let claims = null;
let expiryTimer = null;

function showSignIn(message = '') {
    stopDashboard();
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    claims = null;
    byId('main').hidden = true;
    byId('status-bar').hidden = true;
    byId('account').hidden = true;
    byId('sign-in').hidden = false;
    byId('sign-in-message').textContent = message;
    byId('token-input').value = '';
    byId('token-input').focus();
}

function signIn(candidate) {
    const read = readClaims(candidate);
    if (!read) {
        return 'This is not a JWT (three base64url parts separated by dots).';
    }
    if (isExpired(read)) {
        return 'This token has expired.';
    }
    sessionStorage.setItem(TOKEN_KEY, candidate.trim());
    startDashboard(candidate.trim(), read);
    return null;
}

// --- Panels ------------------------------------------------------------------------------------------

const view = { period: preferences.period, tz: preferences.tz, sort: preferences.sort };
const panels = Object.fromEntries(TOPICS.map((topic) => [topic, {
    node: byId(`panel-${topic}`),
    envelope: null,
    shownData: null,
    confirmedAt: 0,
    exportRows: [],
}]));
let api = null;
let store = null;
let firstKpiMarked = false;
let welcomeCurrency = null;

const part = (topic, role) => panels[topic].node.querySelector(`[data-role="${role}"]`);

function exportCsv(name, headers, rows) {
    downloadCsv(csvFileName(name, view.period, view.tz), toCsv(headers, rows));
}

/**
 * The first paint of the overview: the other panels (tables, charts) are drawn after it, so the
 * first KPI does not wait for them. Settled also when the overview cannot be loaded.
 */
let overviewPainted;
const firstPaint = new Promise((resolve) => {
    overviewPainted = resolve;
});

/** Shows an envelope in its panel; confirmedAt is when its figures were last known to be current. */
async function show(topic, envelope, confirmedAt) {
    if (topic !== 'overview') {
        await firstPaint;
    }
    const panel = panels[topic];
    panel.envelope = envelope;
    panel.confirmedAt = confirmedAt;
    part(topic, 'error').textContent = '';
    const shown = `${envelope.currency}|${JSON.stringify(envelope.data)}`;
    if (shown !== panel.shownData) {
        panel.shownData = shown;
        const body = part(topic, 'body');
        const ctx = {
            fmt: createFormatters({ locale, currency: envelope.currency }),
            locale,
            tz: envelope.period?.timezone ?? view.tz,
            period: view.period,
            suppressed: new Set(envelope.data.suppressed ?? []),
            exportCsv,
        };
        const exportRows = keepingFocus(body, () => RENDERERS[topic](body, envelope, ctx));
        if (topic === 'overview') {
            panel.exportRows = exportRows;
            markFirstKpi();
        }
    }
    renderFreshness(topic);
}

function markFirstKpi() {
    if (firstKpiMarked) {
        return;
    }
    firstKpiMarked = true;
    // The mark is taken at the next frame, when the figures are painted.
    requestAnimationFrame(() => {
        performance.mark('careboard:first-kpi');
        setTimeout(overviewPainted, 0);
    });
    setTimeout(overviewPainted, 500); // a hidden tab paints no frame: the panels must not wait for one
}

function paramsFor(topic) {
    const params = { period: view.period, tz: view.tz };
    return topic === 'doctors' ? { ...params, sort: view.sort } : params;
}

async function loadPanel(topic) {
    const asked = { ...view };
    try {
        const result = await api.metric(topic, paramsFor(topic));
        if (asked.period !== view.period || asked.tz !== view.tz || asked.sort !== view.sort) {
            return; // the view changed meanwhile: a newer request draws this panel
        }
        if (result.notModified) {
            panels[topic].confirmedAt = result.receivedAt;
            part(topic, 'error').textContent = '';
            renderFreshness(topic);
        } else {
            const age = Number(result.envelope.meta?.age_seconds) || 0;
            await show(topic, result.envelope, result.receivedAt - age * 1000);
        }
    } catch (failure) {
        if (topic === 'overview') {
            overviewPainted();
        }
        part(topic, 'error').textContent = failure.status === 0 ? `Not updated: ${failure.message}.`
            : `Not updated: ${failure.message} (HTTP ${failure.status}).`;
        if (failure.unauthorized) {
            showSignIn('The server refused the token (expired or not valid). Paste a new one.');
        }
        throw failure;
    }
}

/** The store's fetch function: the named topics (all by default), the overview first. */
async function fetchPanels({ topics } = {}) {
    const wanted = topics ? TOPICS.filter((topic) => topics.includes(topic)) : TOPICS;
    const results = await Promise.allSettled(wanted.map(loadPanel));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
        throw failed.reason;
    }
}

/** A pushed value: shown when it is for the current view. */
function onPush(topic, message) {
    if (message.period !== view.period || String(message.tz).toLowerCase() !== view.tz.toLowerCase()) {
        return;
    }
    if (topic === 'doctors' && view.sort !== PUSHED_SORT) {
        loadPanel('doctors').catch(() => {}); // the push is in another order: ask for ours
        return;
    }
    const currency = panels[topic].envelope?.currency ?? welcomeCurrency ?? 'EUR';
    const age = Number(message.meta?.age_seconds) || 0;
    show(topic, { metric: topic, currency, data: message.data, meta: message.meta }, Date.now() - age * 1000);
}

// --- Status ------------------------------------------------------------------------------------------

function setText(node, text) {
    if (node.textContent !== text) {
        node.textContent = text;
    }
}

function renderFreshness(topic) {
    const panel = panels[topic];
    const node = part(topic, 'freshness');
    const meta = panel.envelope?.meta;
    if (!meta) {
        return;
    }
    const ageSeconds = Math.max(0, (Date.now() - panel.confirmedAt) / 1000);
    const computedAgo = formatSeconds(Math.max(0, (Date.now() - Date.parse(meta.computed_at)) / 1000), locale);
    if (store?.isLiveUpdating) {
        node.dataset.status = 'live';
        setText(node, `Live · computed ${computedAgo} ago`);
        node.title = 'Changes are pushed as they happen';
        return;
    }
    const freshness = estimateFreshness(meta.ttl_seconds, ageSeconds);
    node.dataset.status = freshness.status;
    node.dataset.percentage = String(freshness.percentage);
    const left = freshness.remainingSeconds > 0 ? `, ${formatSeconds(freshness.remainingSeconds, locale)} left` : '';
    setText(node, `${freshness.status === 'expired' ? 'Expired' : freshness.status === 'fresh' ? 'Fresh' : 'Aging'} ${freshness.percentage} %${left}`);
    node.title = `Computed ${computedAgo} ago (${meta.cache}); cached for ${formatSeconds(meta.ttl_seconds, locale)}`;
}

let lastAnnounced = '';

function announce(text) {
    if (text && text !== lastAnnounced) {
        lastAnnounced = text;
        byId('announcer').textContent = text;
    }
}

function connectionText(connection) {
    const seconds = connection.nextAttemptAt ? Math.max(0, Math.ceil((connection.nextAttemptAt - Date.now()) / 1000)) : 0;
    switch (connection.state) {
        case STATES.OPEN:
            return connection.paused ? 'Live push paused while hidden' : 'Changes are pushed as they happen';
        case STATES.CONNECTING:
            return 'Connecting…';
        case STATES.WAITING:
            return `Connection lost · attempt ${connection.attempt} of ${connection.maxAttempts} in ${seconds} s`;
        case STATES.RECONNECTING:
            return `Reconnecting · attempt ${connection.attempt} of ${connection.maxAttempts}…`;
        case STATES.FAILED:
            return 'Live push unavailable';
        case STATES.UNAUTHORIZED:
            return 'Live push refused the token';
        default:
            return preferences.live ? '' : 'Live push off';
    }
}

function renderStatus() {
    if (!store) {
        return;
    }
    const live = store.isLiveUpdating;
    const badge = byId('live-badge');
    badge.dataset.state = live ? 'live' : 'offline';
    setText(badge, live ? 'Live' : 'Offline');
    const polling = !live && store.autoRefreshEnabled
        ? (store.isHidden ? 'polling paused while hidden' : `polling every ${formatSeconds(store.autoRefreshInterval, locale)}`)
        : '';
    setText(byId('connection-detail'), [connectionText(store.connection), polling].filter(Boolean).join(' · '));
    const status = byId('update-status');
    status.dataset.status = store.updateStatus;
    const error = store.lastError;
    setText(status, store.updateStatus === UPDATE_STATUS.UPDATING ? 'Updating…'
        : store.updateStatus === UPDATE_STATUS.ERROR ? `Error: ${error?.message ?? 'update failed'}` : 'Idle');
    const time = byId('last-updated');
    setText(time, store.formattedLastUpdated);
    if (store.lastUpdated) {
        time.dateTime = store.lastUpdated.toISOString();
        time.title = store.lastUpdated.toLocaleString(locale);
    }
    TOPICS.forEach(renderFreshness);
    announce(live ? 'Live updates on' : store.connection.state === STATES.WAITING ? 'Live updates lost; reconnecting' : '');
    if (store.connection.state === STATES.UNAUTHORIZED) {
        showSignIn('The server closed the live connection: the token has expired. Paste a new one.');
    }
}

// --- Controls ----------------------------------------------------------------------------------------

function fillTimeZones() {
    const select = byId('timezone');
    const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
    [browserZone, 'UTC', view.tz].forEach((zone) => zones.add(zone));
    select.replaceChildren(...[...zones].sort().map((zone) => el('option', { value: zone },
        zone === browserZone ? `${zone} (this device)` : zone)));
    select.value = view.tz;
}

function changeView(changes) {
    Object.assign(view, changes);
    Object.assign(preferences, changes);
    savePreferences();
    TOPICS.forEach((topic) => {
        panels[topic].shownData = null;
    });
    store.setView({ period: view.period, tz: view.tz });
    store.refresh().catch(() => {});
}

function wireControls() {
    const controls = byId('controls');
    controls.addEventListener('submit', (event) => event.preventDefault());
    byId('period').value = view.period;
    byId('period').addEventListener('change', (event) => changeView({ period: event.target.value }));
    byId('timezone').addEventListener('change', (event) => changeView({ tz: event.target.value }));
    byId('doctor-sort').value = view.sort;
    byId('doctor-sort').addEventListener('change', (event) => {
        view.sort = event.target.value;
        preferences.sort = view.sort;
        savePreferences();
        panels.doctors.shownData = null;
        loadPanel('doctors').catch(() => {});
    });
    const auto = byId('auto-refresh');
    auto.checked = preferences.autoRefresh;
    auto.addEventListener('change', () => {
        preferences.autoRefresh = auto.checked;
        savePreferences();
        store.setAutoRefreshEnabled(auto.checked);
    });
    const interval = byId('refresh-interval');
    interval.value = String(preferences.interval);
    interval.addEventListener('change', () => {
        preferences.interval = Number(interval.value);
        savePreferences();
        store.updateRefreshInterval(preferences.interval);
    });
    const live = byId('live-updates');
    live.checked = preferences.live;
    live.addEventListener('change', () => {
        preferences.live = live.checked;
        savePreferences();
        if (live.checked) {
            store.initializeWebSocket(token, { period: view.period, tz: view.tz });
        } else {
            store.disconnectWebSocket();
        }
    });
    byId('refresh-now').addEventListener('click', () => store.refresh().catch(() => {}));
    byId('overview-csv').addEventListener('click', () => exportCsv('overview', ['figure', 'value'], panels.overview.exportRows));
    byId('sign-out').addEventListener('click', () => showSignIn());
    byId('token-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const problem = signIn(byId('token-input').value);
        if (problem) {
            byId('sign-in-message').textContent = problem;
        }
    });
    wireAdmin();
}

// --- Admin -------------------------------------------------------------------------------------------

function adminOutput(...children) {
    byId('admin-output').replaceChildren(...children);
}

function adminFailure(failure) {
    adminOutput(el('p', { class: 'message' }, failure.status === 403
        ? 'The server refused: this token lacks the analytics-admin role.'
        : `Failed: ${failure.message}`));
}

function cacheStatusView(status, fmt) {
    const rows = [
        ['Cached answers', fmt.integer(status.total_keys)],
        ['Estimated size', `${fmt.integer(status.estimated_size_bytes)} bytes`],
        ['Hits', fmt.integer(status.hits)],
        ['Misses', fmt.integer(status.misses)],
        ['Hit ratio', fmt.ratio(status.hit_ratio)],
        ['Average TTL left', formatSeconds(status.avg_ttl_seconds ?? 0, locale)],
    ];
    const caches = status.caches ?? [];
    const csvRows = caches.map((c) => [c.name, c.keys, c.ttl_seconds, c.size_bytes]);
    return [
        el('dl', { class: 'stats' }, rows.map(([label, value]) => el('div', { class: 'stat' }, el('dt', {}, label), el('dd', { class: 'num' }, value)))),
        el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Caches' }, el('table', {},
            el('caption', {}, 'Caches'),
            el('thead', {}, el('tr', {}, ['Cache', 'Answers', 'TTL', 'Size (bytes)'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, caches.map((c) => el('tr', {}, el('th', { scope: 'row' }, c.name),
                el('td', { class: 'num' }, fmt.integer(c.keys)), el('td', { class: 'num' }, formatSeconds(c.ttl_seconds, locale)),
                el('td', { class: 'num' }, fmt.integer(c.size_bytes))))))),
        el('button', {
            type: 'button', class: 'csv',
            on: { click: () => exportCsv('cache-status', ['cache', 'answers', 'ttl_seconds', 'size_bytes'], csvRows) },
        }, 'CSV'),
    ];
}

function wireAdmin() {
    const fmt = () => createFormatters({ locale, currency: panels.overview.envelope?.currency ?? 'EUR' });
    const busy = (button, action) => async () => {
        button.disabled = true;
        adminOutput(el('p', {}, 'Working…'));
        try {
            await action();
        } catch (failure) {
            adminFailure(failure);
        } finally {
            button.disabled = false;
        }
    };
    const status = byId('admin-status');
    status.addEventListener('click', busy(status, async () => adminOutput(...cacheStatusView(await api.cacheStatus(), fmt()))));
    const warm = byId('admin-warm');
    warm.addEventListener('click', busy(warm, async () => {
        const report = await api.warmCache();
        adminOutput(el('p', {}, report.status === 'warmed'
            ? `Warmed ${fmt().integer(report.warmed.length)} answers in ${fmt().integer(report.total_millis)} ms.`
            : `Skipped: ${report.reason}.`));
    }));
    const refresh = byId('admin-refresh');
    refresh.addEventListener('click', busy(refresh, async () => {
        const result = await api.refreshCache();
        adminOutput(el('p', {}, `Dropped ${fmt().integer(result.dropped)} cached answers; the next requests compute them anew.`));
    }));
}

// --- Lifecycle ---------------------------------------------------------------------------------------

function stopDashboard() {
    store?.cleanup();
    store = null;
    api?.forget();
    api = null;
    clearTimeout(expiryTimer);
}

function startDashboard(bearer, read) {
    stopDashboard();
    token = bearer;
    claims = read;
    byId('sign-in').hidden = true;
    byId('main').hidden = false;
    byId('status-bar').hidden = false;
    byId('account').hidden = false;
    byId('admin').hidden = !isAdmin(claims);
    const role = isAdmin(claims) ? 'admin' : 'viewer';
    const expires = claims.expiresAt ? ` · token expires ${claims.expiresAt.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })}` : '';
    setText(byId('account-name'), `${claims.subject || 'signed in'} (${role})${expires}`);
    if (claims.expiresAt) {
        const delay = claims.expiresAt.getTime() - Date.now();
        if (delay < 2 ** 31) {
            expiryTimer = setTimeout(() => showSignIn('The token has expired. Paste a new one.'), Math.max(0, delay));
        }
    }

    api = new AnalyticsApi({ token: () => token });
    store = createRealtimeAnalytics({ autoRefreshEnabled: preferences.autoRefresh, autoRefreshInterval: preferences.interval });
    store.onChange(renderStatus);
    for (const topic of TOPICS) {
        store.subscribeToUpdate(UPDATE_TYPES[topic], (data, message) => onPush(topic, message));
    }
    store.subscribeToUpdate('WELCOME', (welcome) => {
        welcomeCurrency = welcome?.currency ?? welcomeCurrency;
    });
    store.initializeAutoRefresh(fetchPanels);
    store.setView({ period: view.period, tz: view.tz });
    store.refresh().catch(() => {});
    if (preferences.live) {
        store.initializeWebSocket(bearer, { period: view.period, tz: view.tz });
    }
    renderStatus();
}

fillTimeZones();
wireControls();
const saved = takeToken();
const savedClaims = readClaims(saved);
if (saved && savedClaims && !isExpired(savedClaims)) {
    startDashboard(saved, savedClaims);
} else {
    showSignIn(saved ? 'The saved token has expired or is not valid. Paste a new one.' : '');
}
