import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { AnalyticsWebSocket, STATES } from '../../main/resources/META-INF/resources/js/analytics/AnalyticsWebSocket.js';
import { delayBounds } from '../../main/resources/META-INF/resources/js/analytics/backoff.js';
import { FakeSocket } from './fake-socket.mjs';
import { VirtualTime, settle } from './virtual-time.mjs';

const URL = 'ws://localhost:8080/api/v1/analytics/ws';
const update = (topic, seq, data = { total: seq }, extra = {}) => ({
    type: { consultations: 'CONSULTATION_UPDATE', revenue: 'REVENUE_UPDATE', doctors: 'DOCTOR_PERFORMANCE_UPDATE',
        health_trends: 'HEALTH_TRENDS_UPDATE', overview: 'OVERVIEW_UPDATE' }[topic],
    topic, period: 'today', tz: 'Europe/Berlin', seq, data, meta: { ttl_seconds: 300, age_seconds: 0 }, ...extra,
});

function client(t, options = {}) {
    const time = new VirtualTime().install(t);
    const socket = new AnalyticsWebSocket({ url: URL, WebSocket: FakeSocket, timers: time, ...options });
    const statuses = [];
    socket.onStatusChange((status) => statuses.push(status));
    return { socket, time, statuses };
}

beforeEach(() => FakeSocket.reset());

test('connects with the token in the subprotocols and subscribes once welcomed', async (t) => {
    const { socket } = client(t);
    socket.subscribe(['consultations', 'revenue'], { period: 'today', tz: 'Europe/Berlin' });
    const connected = socket.connect('aaa.bbb.ccc');
    const server = FakeSocket.last();
    assert.equal(server.url, URL);
    assert.deepEqual(server.protocols, ['bearer-token-carrier', 'quarkus-http-upgrade%23Authorization%23Bearer%20aaa.bbb.ccc']);
    assert.equal(socket.state, STATES.CONNECTING);
    server.welcome();
    assert.equal((await connected).connection_id, 'c1');
    assert.equal(socket.isConnected, true);
    assert.deepEqual(server.sent, [{ action: 'subscribe', topics: ['consultations', 'revenue'], period: 'today',
        tz: 'Europe/Berlin', id: server.sent[0].id }]);
});

test("updates go to their type's handlers; unsubscribing stops them", async (t) => {
    const { socket } = client(t);
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    const consultations = [];
    const revenue = [];
    const stop = socket.onConsultationUpdate((data, message) => consultations.push([data, message.seq]));
    socket.onRevenueUpdate((data) => revenue.push(data));
    FakeSocket.last().receive(update('consultations', 1, { total: 3 }));
    FakeSocket.last().receive(update('revenue', 4, { net: 10 }));
    stop();
    FakeSocket.last().receive(update('consultations', 2, { total: 4 }));
    assert.deepEqual(consultations, [[{ total: 3 }, 1]]);
    assert.deepEqual(revenue, [{ net: 10 }]);
});

test('every seed handler name exists and returns an unsubscribe function', (t) => {
    const { socket } = client(t);
    for (const name of ['onConsultationUpdate', 'onDoctorPerformanceUpdate', 'onRevenueUpdate', 'onHealthTrendsUpdate']) {
        assert.equal(typeof socket[name](() => {}), 'function', name);
    }
});

test('repeats are dropped; a gap is reported and the newer value still delivered', async (t) => {
    const { socket } = client(t);
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    const seen = [];
    const gaps = [];
    socket.onConsultationUpdate((data, message) => seen.push(message.seq));
    socket.onGap((gap) => gaps.push(gap));
    FakeSocket.last().receive({ ...update('consultations', 5), type: 'METRICS', id: 'sub-1' });
    FakeSocket.last().receive(update('consultations', 6));
    FakeSocket.last().receive(update('consultations', 6));
    FakeSocket.last().receive(update('consultations', 9));
    assert.deepEqual(seen, [5, 6, 9]);
    assert.deepEqual(gaps, [{ topic: 'consultations', period: 'today', tz: 'Europe/Berlin', expected: 7, received: 9 }]);
});

test('requestMetrics resolves with every metric asked for', async (t) => {
    const { socket } = client(t);
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    const answer = socket.requestMetrics(['consultations', 'revenue'], { period: 'week', tz: 'UTC' });
    const request = FakeSocket.last().sent.at(-1);
    assert.deepEqual({ ...request, id: 'x' }, { action: 'request_metrics', metrics: ['consultations', 'revenue'],
        period: 'week', tz: 'UTC', id: 'x' });
    const delivered = [];
    socket.onConsultationUpdate((data) => delivered.push(data));
    FakeSocket.last().receive({ ...update('consultations', 3, { total: 1 }), type: 'METRICS', period: 'week', id: request.id });
    FakeSocket.last().receive({ ...update('revenue', 2, { net: 5 }), type: 'METRICS', period: 'week', id: request.id });
    const values = await answer;
    assert.deepEqual(Object.keys(values).sort(), ['consultations', 'revenue']);
    assert.deepEqual(values.revenue.data, { net: 5 });
    assert.deepEqual(delivered, [], 'answers to requests are not subscription values');
});

test('requestMetrics fails on ERROR, on timeout, and when not connected', async (t) => {
    const { socket, time } = client(t);
    await assert.rejects(socket.requestMetrics(['overview']), /not connected/);
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    const refused = socket.requestMetrics(['overview']);
    const id = FakeSocket.last().sent.at(-1).id;
    FakeSocket.last().receive({ type: 'ERROR', id, code: 'unavailable', message: 'overview cannot be computed now' });
    await assert.rejects(refused, /cannot be computed/);
    const silent = assert.rejects(socket.requestMetrics(['overview']), /no answer in time/);
    await time.advance(10000);
    await silent;
});

test('reconnects on the backoff schedule, at most 5 attempts, then fails', async (t) => {
    const { socket, time, statuses } = client(t, { random: () => 0.9999999 });
    const connected = socket.connect('t.o.k');
    FakeSocket.last().welcome();
    await connected;
    FakeSocket.last().drop(1006);
    const waits = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
        const waiting = statuses.at(-1);
        assert.equal(waiting.state, STATES.WAITING);
        assert.equal(waiting.attempt, attempt);
        waits.push(waiting.delay);
        const before = FakeSocket.instances.length;
        await time.advance(waiting.delay - 1);
        assert.equal(FakeSocket.instances.length, before, 'not before its time');
        await time.advance(1);
        assert.equal(FakeSocket.instances.length, before + 1);
        assert.equal(socket.state, STATES.RECONNECTING);
        FakeSocket.last().drop(1006);
    }
    assert.deepEqual(waits, [1, 2, 3, 4, 5].map((n) => delayBounds(n).max));
    assert.equal(socket.state, STATES.FAILED);
    await time.advance(600000);
    assert.equal(FakeSocket.instances.length, 6, 'no sixth attempt');
});

test('a reconnection that succeeds starts the count again and subscribes again', async (t) => {
    const { socket, time, statuses } = client(t, { random: () => 0 });
    socket.subscribe(['overview'], { period: 'today', tz: 'UTC' });
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    FakeSocket.last().drop();
    await time.advance(statuses.at(-1).delay);
    FakeSocket.last().drop();
    await time.advance(statuses.at(-1).delay);
    FakeSocket.last().welcome();
    assert.equal(socket.state, STATES.OPEN);
    assert.equal(socket.attempt, 0);
    assert.equal(FakeSocket.last().sent[0].action, 'subscribe');
    FakeSocket.last().drop();
    assert.equal(statuses.at(-1).attempt, 1);
    assert.equal(statuses.at(-1).delay, 1500);
});

test('GOING_AWAY: the first attempt waits what the server asked', async (t) => {
    const { socket, statuses } = client(t, { random: () => 0.5 });
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    FakeSocket.last().receive({ type: 'GOING_AWAY', retry_after_ms: 1234 });
    FakeSocket.last().drop(1001, 'server stopping');
    assert.equal(statuses.at(-1).delay, 1234);
});

test('a token refused on the open socket (1008) stops reconnection', async (t) => {
    const { socket, time } = client(t);
    socket.connect('t.o.k');
    FakeSocket.last().welcome();
    FakeSocket.last().drop(1008, 'token expired');
    assert.equal(socket.state, STATES.UNAUTHORIZED);
    await time.advance(600000);
    assert.equal(FakeSocket.instances.length, 1);
});

test('reconnectNow starts a new round after a failed one', async (t) => {
    const { socket, time, statuses } = client(t, { maxReconnectAttempts: 1 });
    const connected = socket.connect('t.o.k');
    FakeSocket.last().drop();
    await time.advance(statuses.at(-1).delay);
    FakeSocket.last().drop();
    await assert.rejects(connected, /no connection after 1 attempts/);
    assert.equal(socket.state, STATES.FAILED);
    assert.equal(socket.reconnectNow(), true);
    FakeSocket.last().welcome();
    assert.equal(socket.state, STATES.OPEN);
    assert.equal(socket.reconnectNow(), false, 'nothing to do when open');
});

test('disconnect closes for good', async (t) => {
    const { socket, time } = client(t);
    const connected = socket.connect('t.o.k');
    const server = FakeSocket.last();
    socket.disconnect();
    await assert.rejects(connected, /disconnected/);
    assert.deepEqual(server.closedWith, { code: 1000, reason: 'client disconnect' });
    assert.equal(socket.state, STATES.CLOSED);
    await time.advance(600000);
    assert.equal(FakeSocket.instances.length, 1);
});

test('a silent connection is pinged, and replaced when the ping goes unanswered', async (t) => {
    const { socket, time, statuses } = client(t);
    socket.connect('t.o.k');
    const first = FakeSocket.last();
    first.welcome();
    await time.advance(60000);
    assert.deepEqual(first.sent.at(-1), { action: 'ping' });
    first.receive({ type: 'PONG' });
    await time.advance(10000);
    assert.equal(socket.state, STATES.OPEN, 'answered in time');
    await time.advance(50000);
    assert.deepEqual(first.sent.at(-1), { action: 'ping' });
    await time.advance(9999);
    assert.equal(first.closedWith, null);
    await time.advance(1);
    assert.equal(first.closedWith.code, 4000);
    assert.equal(statuses.at(-1).state, STATES.WAITING);
    assert.equal(statuses.at(-1).attempt, 1);
});

test('pause unsubscribes without closing; resume subscribes again', async (t) => {
    const { socket } = client(t);
    socket.subscribe(['overview', 'revenue'], { period: 'week', tz: 'UTC' });
    socket.connect('t.o.k');
    const server = FakeSocket.last();
    server.welcome();
    socket.pause();
    assert.deepEqual(server.sent.at(-1).action, 'unsubscribe');
    socket.resume();
    assert.deepEqual({ ...server.sent.at(-1), id: 'x' }, { action: 'subscribe', topics: ['overview', 'revenue'],
        period: 'week', tz: 'UTC', id: 'x' });
    await settle();
});

test('changing the subscription sends unsubscribe and subscribe', (t) => {
    const { socket } = client(t);
    socket.connect('t.o.k');
    const server = FakeSocket.last();
    server.welcome();
    socket.subscribe(['overview'], { period: 'today', tz: 'UTC' });
    socket.unsubscribe(null, { period: 'today', tz: 'UTC' });
    socket.subscribe(['overview'], { period: 'week', tz: 'UTC' });
    assert.deepEqual(server.sent.map((m) => `${m.action} ${m.period}`), ['subscribe today', 'unsubscribe today', 'subscribe week']);
});
