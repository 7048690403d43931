import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { AnalyticsWebSocket, STATES } from '../../main/resources/META-INF/resources/js/analytics/AnalyticsWebSocket.js';
import {
    REFRESH_INTERVALS, createRealtimeAnalytics, nextHourBoundary,
} from '../../main/resources/META-INF/resources/js/analytics/realtime.js';
import { FakeSocket } from './fake-socket.mjs';
import { VirtualTime, settle } from './virtual-time.mjs';

class FakeDocument extends EventTarget {
    visibilityState = 'visible';

    hide() {
        this.visibilityState = 'hidden';
        this.dispatchEvent(new Event('visibilitychange'));
    }

    show() {
        this.visibilityState = 'visible';
        this.dispatchEvent(new Event('visibilitychange'));
    }
}

function setup(t, options = {}) {
    const time = new VirtualTime(Date.parse('2026-11-26T14:05:00Z')).install(t);
    const document = new FakeDocument();
    const window = new EventTarget();
    const fetches = [];
    let failWith = null;
    const fetchAnalytics = async (request) => {
        fetches.push({ at: time.now, ...request });
        if (failWith) {
            throw failWith;
        }
    };
    const store = createRealtimeAnalytics({
        document, window, timers: time, random: () => 0,
        createSocket: () => new AnalyticsWebSocket({ url: 'ws://x/ws', WebSocket: FakeSocket, timers: time, random: () => 0 }),
        ...options,
    });
    t.after(() => store.cleanup());
    return { store, time, document, window, fetches, fetchAnalytics, fail: (error) => { failWith = error; } };
}

beforeEach(() => FakeSocket.reset(true));

test("the seed's fields and methods", (t) => {
    const { store } = setup(t);
    for (const field of ['autoRefreshEnabled', 'autoRefreshInterval', 'lastUpdated', 'updateStatus', 'formattedLastUpdated',
        'isLiveUpdating']) {
        assert.ok(field in store, field);
    }
    for (const method of ['initializeAutoRefresh', 'toggleAutoRefresh', 'updateRefreshInterval', 'subscribeToUpdate',
        'initializeWebSocket', 'cleanup']) {
        assert.equal(typeof store[method], 'function', method);
    }
    assert.deepEqual(REFRESH_INTERVALS, [15, 30, 60, 300]);
    assert.equal(store.autoRefreshInterval, 30);
    assert.equal(store.updateStatus, 'idle');
    assert.equal(store.formattedLastUpdated, 'never');
});

test('without a socket it polls at the interval, and a new interval changes the rate', async (t) => {
    const { store, time, fetches, fetchAnalytics } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    await time.advance(90000);
    assert.deepEqual(fetches.map((f) => f.reason), ['poll', 'poll', 'poll']);
    store.updateRefreshInterval(15);
    const before = fetches.length;
    await time.advance(60000);
    assert.equal(fetches.length - before, 4);
    assert.equal(store.updateStatus, 'idle');
    assert.equal(store.lastUpdated.getTime(), time.now);
});

test('auto-refresh off stops polling; on again resumes it', async (t) => {
    const { store, time, fetches, fetchAnalytics } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    assert.equal(store.toggleAutoRefresh(), false);
    await time.advance(120000);
    assert.equal(fetches.length, 0);
    store.autoRefreshEnabled = true;
    await time.advance(30000);
    assert.equal(fetches.length, 1);
});

test('a failed fetch sets the error status; the next success clears it', async (t) => {
    const { store, time, fetchAnalytics, fail } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    fail(Object.assign(new Error('down'), { status: 0 }));
    await time.advance(30000);
    assert.equal(store.updateStatus, 'error');
    assert.equal(store.lastError.message, 'down');
    fail(null);
    await time.advance(30000);
    assert.equal(store.updateStatus, 'idle');
    assert.equal(store.lastError, null);
});

test('nothing is polled while the socket is live; polling resumes when it drops', async (t) => {
    const { store, time, fetches, fetchAnalytics } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    FakeSocket.last().welcome();
    assert.equal(store.isLiveUpdating, true);
    await time.advance(40 * 60000);
    assert.deepEqual(fetches, [], 'no polls in 40 live minutes');
    FakeSocket.last().drop();
    assert.equal(store.isLiveUpdating, false);
    assert.equal(store.connection.state, STATES.WAITING);
    await time.advance(30000);
    assert.deepEqual(fetches.map((f) => f.reason), ['poll']);
});

test('while live, one refresh at each local hour, spread over the first seconds', async (t) => {
    const { store, time, fetches, fetchAnalytics } = setup(t, { random: () => 0.5 });
    store.initializeAutoRefresh(fetchAnalytics);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'Asia/Kolkata' });
    FakeSocket.last().welcome();
    await time.advance(2 * 3600000);
    const at = fetches.map((f) => new Date(f.at).toISOString());
    // Kolkata is UTC+05:30: its hours start at :30 UTC; 15 s of spread with random 0.5.
    assert.deepEqual(at, ['2026-11-26T14:30:15.000Z', '2026-11-26T15:30:15.000Z']);
    assert.ok(fetches.every((f) => f.reason === 'scheduled'));
});

test('pushes update lastUpdated; a gap refetches its topic', async (t) => {
    const { store, time, fetches, fetchAnalytics } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    const values = [];
    store.subscribeToUpdate('CONSULTATION_UPDATE', (data) => values.push(data.total));
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    FakeSocket.last().welcome();
    await time.advance(5000);
    const push = (seq) => FakeSocket.last().receive({ type: 'CONSULTATION_UPDATE', topic: 'consultations', period: 'today',
        tz: 'UTC', seq, data: { total: seq }, meta: {} });
    push(1);
    assert.equal(store.lastUpdated.getTime(), time.now);
    push(4);
    await settle();
    assert.deepEqual(values, [1, 4]);
    assert.deepEqual(fetches.map((f) => [f.reason, f.topics]), [['gap', ['consultations']]]);
});

test('a hidden tab polls nothing, stops the pushes after a while, and catches up when shown', async (t) => {
    const { store, time, document, fetches, fetchAnalytics } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    await time.advance(30000);
    assert.equal(fetches.length, 1);
    document.hide();
    await time.advance(10 * 60000);
    assert.equal(fetches.length, 1, 'no polls while hidden');
    document.show();
    await settle();
    assert.deepEqual(fetches.map((f) => f.reason), ['poll', 'visible']);
    await time.advance(30000);
    assert.equal(fetches.length, 3);
});

test('a short hide fetches nothing on return; a long one pauses the socket', async (t) => {
    const { store, time, document, fetches, fetchAnalytics } = setup(t, { hiddenPauseDelay: 60000 });
    store.initializeAutoRefresh(fetchAnalytics);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    const server = FakeSocket.last();
    server.welcome();
    document.hide();
    await time.advance(59000);
    document.show();
    assert.equal(server.sent.filter((m) => m.action === 'unsubscribe').length, 0);
    document.hide();
    await time.advance(60000);
    assert.deepEqual(server.sent.filter((m) => m.action !== 'ping').at(-1).action, 'unsubscribe');
    assert.equal(store.isLiveUpdating, false);
    document.show();
    assert.equal(server.sent.at(-1).action, 'subscribe');
    assert.equal(store.isLiveUpdating, true);
    assert.deepEqual(fetches, [], 'the subscription brings the current values');
});

test('after a failed round, a fetch that succeeds again tries the socket at once', async (t) => {
    const { store, time, fetchAnalytics, fail } = setup(t, {
        createSocket: () => new AnalyticsWebSocket({ url: 'ws://x/ws', WebSocket: FakeSocket, timers: time, maxReconnectAttempts: 1 }),
    });
    store.initializeAutoRefresh(fetchAnalytics);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    FakeSocket.last().drop();
    fail(Object.assign(new Error('unreachable'), { status: 0 }));
    await time.advance(5000);
    FakeSocket.last().drop();
    assert.equal(store.connection.state, STATES.FAILED);
    const attempts = FakeSocket.instances.length;
    await time.advance(30000);
    assert.equal(store.updateStatus, 'error');
    fail(null);
    await time.advance(30000);
    assert.equal(FakeSocket.instances.length, attempts + 1);
    FakeSocket.last().welcome();
    assert.equal(store.isLiveUpdating, true);
});

test('a poll that succeeds again during the backoff reconnects at once', async (t) => {
    const { store, time, fetchAnalytics, fail } = setup(t, {
        createSocket: () => new AnalyticsWebSocket({ url: 'ws://x/ws', WebSocket: FakeSocket, timers: time, random: () => 0.99 }),
    });
    store.updateRefreshInterval(15, fetchAnalytics);
    store.initializeAutoRefresh(fetchAnalytics);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    FakeSocket.last().welcome();
    fail(Object.assign(new Error('unreachable'), { status: 0 }));
    FakeSocket.last().drop(1001);
    for (let i = 0; i < 3; i++) {
        await time.advance(store.connection.nextAttemptAt - time.now);
        FakeSocket.last().drop();
    }
    assert.equal(store.connection.state, STATES.WAITING);
    assert.equal(store.connection.attempt, 4);
    assert.equal(store.updateStatus, 'error');
    const attempts = FakeSocket.instances.length;
    fail(null);
    await time.advance(15000);
    assert.equal(FakeSocket.instances.length, attempts + 1, 'the next attempt did not wait for its turn');
    FakeSocket.last().welcome();
    assert.equal(store.isLiveUpdating, true);
});

test('the network coming back reconnects at once', async (t) => {
    const { store, time, window } = setup(t);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    FakeSocket.last().welcome();
    FakeSocket.last().drop();
    const attempts = FakeSocket.instances.length;
    window.dispatchEvent(new Event('online'));
    assert.equal(FakeSocket.instances.length, attempts + 1);
    await time.advance(1);
});

test('manual refresh fetches even while live; overlapping requests run one after the other', async (t) => {
    const { store, fetches, fetchAnalytics } = setup(t);
    store.initializeAutoRefresh(fetchAnalytics);
    store.initializeWebSocket('t.o.k', { period: 'today', tz: 'UTC' });
    FakeSocket.last().welcome();
    await Promise.all([store.refresh(), store.refresh(['revenue'])]);
    assert.deepEqual(fetches.map((f) => f.reason), ['manual', 'manual']);
});

test('the next hour boundary follows the zone', () => {
    const now = Date.parse('2026-11-26T14:05:07.250Z');
    assert.equal(new Date(nextHourBoundary(now, 'UTC')).toISOString(), '2026-11-26T15:00:00.000Z');
    assert.equal(new Date(nextHourBoundary(now, 'Asia/Kolkata')).toISOString(), '2026-11-26T14:30:00.000Z');
    assert.equal(new Date(nextHourBoundary(now, 'Australia/Eucla')).toISOString(), '2026-11-26T14:15:00.000Z');
});
