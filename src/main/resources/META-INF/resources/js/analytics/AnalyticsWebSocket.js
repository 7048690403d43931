/**
 * The seed's AnalyticsWebSocket over Careboard's protocol (contract §5): connects with a bearer
 * token carried in Sec-WebSocket-Protocol, subscribes to topics for a period and time zone, hands
 * each update to the handlers of its type, drops repeats and reports gaps by sequence number, and
 * reconnects with exponential backoff and jitter (at most maxReconnectAttempts per round).
 *
 *   const socket = new AnalyticsWebSocket();
 *   await socket.connect(token);
 *   socket.subscribe(['consultations', 'revenue'], { period: 'today', tz: 'Europe/Berlin' });
 *   const unsubscribe = socket.onConsultationUpdate((data, message) => { ... });
 *   const values = await socket.requestMetrics(['consultations', 'revenue'], { period: 'week' });
 *   socket.disconnect();
 */
import { RECONNECT_DEFAULTS, reconnectDelay } from './backoff.js';
import { SequenceTracker } from './sequences.js';
import { webSocketProtocols } from './token.js';

export const WS_PATH = '/api/v1/analytics/ws';

/** The update message type of each topic. */
export const UPDATE_TYPES = Object.freeze({
    consultations: 'CONSULTATION_UPDATE',
    doctors: 'DOCTOR_PERFORMANCE_UPDATE',
    revenue: 'REVENUE_UPDATE',
    health_trends: 'HEALTH_TRENDS_UPDATE',
    overview: 'OVERVIEW_UPDATE',
});

export const TOPICS = Object.freeze(Object.keys(UPDATE_TYPES));

const TOPIC_OF_TYPE = Object.freeze(Object.fromEntries(Object.entries(UPDATE_TYPES).map(([t, type]) => [type, t])));

/**
 * Connection states: idle (never connected), connecting (first attempt), open (welcomed by the
 * server), waiting (before reconnect attempt n), reconnecting (attempt n under way), failed (every
 * attempt of the round failed), unauthorized (the server closed with 1008: token expired), closed
 * (disconnect() was called).
 */
export const STATES = Object.freeze({
    IDLE: 'idle',
    CONNECTING: 'connecting',
    OPEN: 'open',
    WAITING: 'waiting',
    RECONNECTING: 'reconnecting',
    FAILED: 'failed',
    UNAUTHORIZED: 'unauthorized',
    CLOSED: 'closed',
});

const POLICY_VIOLATION = 1008;
const NORMAL_CLOSURE = 1000;
/** Our own close code when a ping went unanswered (application codes are 4000–4999). */
const NO_PONG = 4000;

function browserTimeZone() {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
        return 'UTC';
    }
}

function defaultUrl() {
    const location = globalThis.location;
    if (!location) {
        throw new TypeError('no location to derive the WebSocket URL from: pass options.url');
    }
    return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WS_PATH}`;
}

/** Calls a handler; a failing handler is reported without stopping the others. */
function safely(handler, ...args) {
    try {
        handler(...args);
    } catch (failure) {
        queueMicrotask(() => {
            throw failure;
        });
    }
}

export class AnalyticsWebSocket {
    /**
     * @param {object} [options]
     * @param {string} [options.url] ws(s)://host/api/v1/analytics/ws from the page's location
     * @param {number} [options.maxReconnectAttempts] 5
     * @param {number} [options.reconnectDelay] base delay, 3000 ms
     * @param {number} [options.maxReconnectDelay] 60000 ms
     * @param {number} [options.jitter] 0.5: each delay is scaled by a random factor in [0.5, 1.5]
     * @param {number} [options.pingInterval] a ping when nothing arrived for this long, 60000 ms
     * @param {number} [options.pongTimeout] a connection silent this long after a ping is dead, 10000 ms
     * @param {number} [options.requestTimeout] for requestMetrics, 10000 ms
     */
    constructor(options = {}) {
        const {
            url, WebSocket: Impl = globalThis.WebSocket, random = Math.random, timers = globalThis,
            pingInterval = 60000, pongTimeout = 10000, requestTimeout = 10000,
            maxReconnectAttempts = RECONNECT_DEFAULTS.maxReconnectAttempts,
            reconnectDelay: baseDelay = RECONNECT_DEFAULTS.reconnectDelay,
            maxReconnectDelay = RECONNECT_DEFAULTS.maxReconnectDelay,
            jitter = RECONNECT_DEFAULTS.jitter,
        } = options;
        this.url = url;
        this.Impl = Impl;
        this.random = random;
        this.timers = timers;
        this.pingInterval = pingInterval;
        this.pongTimeout = pongTimeout;
        this.requestTimeout = requestTimeout;
        this.reconnect = { maxReconnectAttempts, reconnectDelay: baseDelay, maxReconnectDelay, jitter };
        this.listeners = new Map();
        /** 'period|tz' → {period, tz, topics: Set}: what to (re)subscribe whenever a connection opens. */
        this.wanted = new Map();
        this.sequences = new SequenceTracker();
        this.requests = new Map();
        this.waiters = [];
        this.socket = null;
        this.token = null;
        this.state = STATES.IDLE;
        this.attempt = 0;
        this.nextAttemptAt = null;
        this.stopped = true;
        this.paused = false;
        this.welcome = null;
        this.goingAwayDelay = null;
        this.lastReceivedAt = 0;
        this.ids = 0;
    }

    /** Whether the server welcomed the current connection. */
    get isConnected() {
        return this.state === STATES.OPEN;
    }

    /** The current state with its attempt counters, as status listeners receive it. */
    get status() {
        return {
            state: this.state,
            attempt: this.attempt,
            maxAttempts: this.reconnect.maxReconnectAttempts,
            nextAttemptAt: this.nextAttemptAt,
            paused: this.paused,
        };
    }

    /**
     * Opens the connection with a bearer token (a new token replaces the current connection).
     * Resolves when the server welcomes it; rejects when the first round of attempts fails, the
     * token is refused, or disconnect() is called first. Reconnection goes on in the background.
     */
    connect(token) {
        if (typeof token !== 'string' || token.trim() === '') {
            return Promise.reject(new TypeError('connect(token) needs a bearer token'));
        }
        this.token = token.trim();
        this.stopped = false;
        this.cancelReconnect();
        this.drop();
        this.attempt = 0;
        const welcomed = new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
        this.open();
        return welcomed;
    }

    /** Closes the connection for good: no reconnection until connect() is called again. */
    disconnect() {
        this.stopped = true;
        this.cancelReconnect();
        const socket = this.socket;
        this.drop();
        if (socket) {
            try {
                socket.close(NORMAL_CLOSURE, 'client disconnect');
            } catch {
                // already closing
            }
        }
        this.settleWaiters(new Error('disconnected'));
        this.setState(STATES.CLOSED);
    }

    /** Starts a new round of attempts now, when the connection is down or waiting (the network came back). */
    reconnectNow() {
        if (this.stopped || !this.token || this.state === STATES.OPEN || this.state === STATES.CONNECTING
            || this.state === STATES.RECONNECTING || this.state === STATES.UNAUTHORIZED) {
            return false;
        }
        this.cancelReconnect();
        this.attempt = 0;
        this.open();
        return true;
    }

    /** Subscribes to topics for a period and time zone; kept and renewed on every reconnection. */
    subscribe(topics, { period = 'today', tz = browserTimeZone() } = {}) {
        const key = `${period}|${tz}`;
        const entry = this.wanted.get(key) ?? { period, tz, topics: new Set() };
        topics.forEach((topic) => entry.topics.add(topic));
        this.wanted.set(key, entry);
        if (this.isConnected && !this.paused) {
            this.send({ action: 'subscribe', topics: [...topics], period, tz, id: this.nextId('sub') });
        }
    }

    /** Unsubscribes topics (all when omitted) of a period and time zone (all subscriptions when omitted). */
    unsubscribe(topics = null, { period, tz } = {}) {
        for (const [key, entry] of [...this.wanted]) {
            if ((period && entry.period !== period) || (tz && entry.tz !== tz)) {
                continue;
            }
            const removed = topics ? topics.filter((topic) => entry.topics.has(topic)) : [...entry.topics];
            removed.forEach((topic) => entry.topics.delete(topic));
            if (entry.topics.size === 0) {
                this.wanted.delete(key);
            }
            if (removed.length > 0 && this.isConnected && !this.paused) {
                this.send({ action: 'unsubscribe', topics: removed, period: entry.period, tz: entry.tz });
            }
        }
    }

    /**
     * Stops the server's pushes without closing the connection (a hidden tab); resume() subscribes
     * again, and the answers bring the current values.
     */
    pause() {
        if (this.paused) {
            return;
        }
        if (this.isConnected && this.wanted.size > 0) {
            this.send({ action: 'unsubscribe', topics: [...TOPICS] });
        }
        this.paused = true;
        this.emitStatus();
    }

    resume() {
        if (!this.paused) {
            return;
        }
        this.paused = false;
        if (this.isConnected) {
            this.subscribeAll();
        }
        this.emitStatus();
    }

    /**
     * Asks for the current values of some metrics without subscribing. Resolves with
     * {topic: message} (message.data is what REST answers) once every metric has arrived.
     */
    requestMetrics(metrics, { period = 'today', tz = browserTimeZone() } = {}) {
        if (!this.isConnected) {
            return Promise.reject(new Error('not connected'));
        }
        const id = this.nextId('req');
        return new Promise((resolve, reject) => {
            const timer = this.timers.setTimeout(() => this.finishRequest(id, new Error('no answer in time')),
                this.requestTimeout);
            this.requests.set(id, { resolve, reject, timer, remaining: new Set(metrics), results: {} });
            this.send({ action: 'request_metrics', metrics: [...metrics], period, tz, id });
        });
    }

    /** Listens to an event: a message type ('CONSULTATION_UPDATE', 'WELCOME', …), 'status', 'gap', 'update' or 'server-error'. */
    on(event, handler) {
        if (typeof handler !== 'function') {
            throw new TypeError('handler must be a function');
        }
        if (!this.listeners.has(event)) {
            this.listeners.set(event, new Set());
        }
        this.listeners.get(event).add(handler);
        return () => this.listeners.get(event)?.delete(handler);
    }

    onConsultationUpdate(handler) {
        return this.on(UPDATE_TYPES.consultations, handler);
    }

    onDoctorPerformanceUpdate(handler) {
        return this.on(UPDATE_TYPES.doctors, handler);
    }

    onRevenueUpdate(handler) {
        return this.on(UPDATE_TYPES.revenue, handler);
    }

    onHealthTrendsUpdate(handler) {
        return this.on(UPDATE_TYPES.health_trends, handler);
    }

    onOverviewUpdate(handler) {
        return this.on(UPDATE_TYPES.overview, handler);
    }

    /** status listeners get {state, attempt, maxAttempts, nextAttemptAt, paused}. */
    onStatusChange(handler) {
        return this.on('status', handler);
    }

    /** gap listeners get {topic, period, tz, expected, received}: refetch that topic over REST. */
    onGap(handler) {
        return this.on('gap', handler);
    }

    // ---------------------------------------------------------------------------------------------

    open() {
        this.nextAttemptAt = null;
        this.setState(this.attempt === 0 ? STATES.CONNECTING : STATES.RECONNECTING);
        let socket;
        try {
            socket = new this.Impl(this.url ?? defaultUrl(), webSocketProtocols(this.token));
        } catch (failure) {
            this.emit('server-error', { code: 'connect_failed', message: String(failure?.message ?? failure) });
            this.retry();
            return;
        }
        this.socket = socket;
        socket.onmessage = (event) => this.receive(socket, event.data);
        socket.onclose = (event) => this.closed(socket, event.code, event.reason);
        socket.onerror = () => {
            // a close event follows with the details
        };
    }

    receive(socket, text) {
        if (socket !== this.socket) {
            return;
        }
        this.lastReceivedAt = Date.now();
        let message;
        try {
            message = JSON.parse(text);
        } catch {
            this.emit('server-error', { code: 'malformed_message', message: 'the server sent a message that is not JSON' });
            return;
        }
        switch (message.type) {
            case 'WELCOME':
                this.welcomed(message);
                break;
            case 'METRICS':
                this.metrics(message);
                break;
            case 'PONG':
                break;
            case 'ERROR':
                this.serverError(message);
                break;
            case 'GOING_AWAY':
                this.goingAwayDelay = Math.max(0, Number(message.retry_after_ms) || 0);
                break;
            default:
                if (TOPIC_OF_TYPE[message.type]) {
                    this.update(message);
                }
        }
        this.emit('message', message);
    }

    welcomed(message) {
        this.welcome = message;
        this.attempt = 0;
        this.goingAwayDelay = null;
        this.sequences.reset();
        this.setState(STATES.OPEN);
        this.startKeepAlive();
        if (!this.paused) {
            this.subscribeAll();
        }
        this.settleWaiters(null, message);
        this.emit('WELCOME', message);
    }

    subscribeAll() {
        for (const entry of this.wanted.values()) {
            this.send({
                action: 'subscribe', topics: [...entry.topics], period: entry.period, tz: entry.tz, id: this.nextId('sub'),
            });
        }
    }

    metrics(message) {
        const request = message.id ? this.requests.get(message.id) : null;
        if (request) {
            request.results[message.topic] = message;
            request.remaining.delete(message.topic);
            if (request.remaining.size === 0) {
                this.finishRequest(message.id, null);
            }
            return;
        }
        // The answer to a subscribe: the topic's current value.
        if (this.sequences.accept(message, { snapshot: true }).accepted) {
            this.deliver(message);
        }
    }

    update(message) {
        const verdict = this.sequences.accept(message);
        if (!verdict.accepted) {
            return;
        }
        if (verdict.gap) {
            this.emit('gap', { topic: message.topic, period: message.period, tz: message.tz, ...verdict.gap });
        }
        this.deliver(message);
    }

    deliver(message) {
        const type = UPDATE_TYPES[message.topic];
        if (!type) {
            return;
        }
        this.emit(type, message.data, message);
        this.emit('update', message.data, message);
    }

    serverError(message) {
        if (message.id && this.requests.has(message.id)) {
            const failure = new Error(message.message || message.code || 'request failed');
            failure.code = message.code;
            this.finishRequest(message.id, failure);
        }
        this.emit('server-error', message);
    }

    finishRequest(id, failure) {
        const request = this.requests.get(id);
        if (!request) {
            return;
        }
        this.requests.delete(id);
        this.timers.clearTimeout(request.timer);
        if (failure) {
            request.reject(failure);
        } else {
            request.resolve(request.results);
        }
    }

    closed(socket, code, reason) {
        if (socket !== this.socket) {
            return;
        }
        this.drop();
        if (this.stopped) {
            this.setState(STATES.CLOSED);
            return;
        }
        if (code === POLICY_VIOLATION) {
            this.settleWaiters(new Error(`the server refused the token (${reason || 'policy violation'})`));
            this.setState(STATES.UNAUTHORIZED);
            return;
        }
        this.retry();
    }

    /** Schedules the next attempt of the round, or gives up when the round is spent. */
    retry() {
        this.attempt += 1;
        if (this.attempt > this.reconnect.maxReconnectAttempts) {
            this.attempt = this.reconnect.maxReconnectAttempts;
            this.nextAttemptAt = null;
            this.settleWaiters(new Error(`no connection after ${this.reconnect.maxReconnectAttempts} attempts`));
            this.setState(STATES.FAILED);
            return;
        }
        // A server that is going away says when to come back (spread by the server itself).
        const delay = this.goingAwayDelay ?? reconnectDelay(this.attempt, this.reconnect, this.random);
        this.goingAwayDelay = null;
        this.nextAttemptAt = Date.now() + delay;
        this.reconnectTimer = this.timers.setTimeout(() => {
            this.reconnectTimer = null;
            this.open();
        }, delay);
        this.setState(STATES.WAITING, { delay });
    }

    cancelReconnect() {
        if (this.reconnectTimer) {
            this.timers.clearTimeout(this.reconnectTimer);
            this.reconnectTimer = null;
        }
        this.nextAttemptAt = null;
    }

    /**
     * Pings when nothing arrived for pingInterval; a connection that stays silent pongTimeout after
     * a ping is dead (a lost network does not close a socket by itself) and is replaced.
     */
    startKeepAlive() {
        this.stopKeepAlive();
        const socket = this.socket;
        this.keepAlive = this.timers.setInterval(() => {
            if (Date.now() - this.lastReceivedAt < this.pingInterval) {
                return;
            }
            const sentAt = Date.now();
            this.send({ action: 'ping' });
            this.pongTimer = this.timers.setTimeout(() => {
                if (this.socket === socket && this.lastReceivedAt < sentAt) {
                    try {
                        socket.close(NO_PONG, 'no answer to ping');
                    } catch {
                        // closing anyway
                    }
                    this.closed(socket, NO_PONG, 'no answer to ping');
                }
            }, this.pongTimeout);
        }, this.pingInterval);
    }

    stopKeepAlive() {
        if (this.keepAlive) {
            this.timers.clearInterval(this.keepAlive);
            this.keepAlive = null;
        }
        if (this.pongTimer) {
            this.timers.clearTimeout(this.pongTimer);
            this.pongTimer = null;
        }
    }

    /** Forgets the current socket: its late events are ignored and its requests fail. */
    drop() {
        this.stopKeepAlive();
        if (this.socket) {
            this.socket.onmessage = null;
            this.socket.onclose = null;
            this.socket.onerror = null;
            this.socket = null;
        }
        for (const id of [...this.requests.keys()]) {
            this.finishRequest(id, new Error('connection closed'));
        }
    }

    send(message) {
        if (this.socket && this.socket.readyState === 1) {
            this.socket.send(JSON.stringify(message));
        }
    }

    nextId(prefix) {
        this.ids += 1;
        return `${prefix}-${this.ids}`;
    }

    settleWaiters(failure, value) {
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach((waiter) => (failure ? waiter.reject(failure) : waiter.resolve(value)));
    }

    setState(state, extra = {}) {
        this.state = state;
        this.emitStatus(extra);
    }

    emitStatus(extra = {}) {
        this.emit('status', { ...this.status, ...extra });
    }

    emit(event, ...args) {
        const handlers = this.listeners.get(event);
        if (handlers) {
            [...handlers].forEach((handler) => safely(handler, ...args));
        }
    }
}

const analyticsWebSocket = new AnalyticsWebSocket();

/** A shared instance, as the seed's service module exports one. */
export default analyticsWebSocket;
