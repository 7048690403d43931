/**
 * The realtime-analytics store: the seed's useRealtimeAnalytics without a framework. It decides
 * when to fetch, and the caller's fetch function decides what:
 *
 * - while the WebSocket is live, nothing is polled: changes arrive as pushes, a gap in a topic's
 *   sequence refetches that topic, and one scheduled refresh per period boundary (an hour, spread
 *   over the first seconds) picks up what time alone changes (a new hourly bucket);
 * - while it is not, the auto-refresh timer polls every autoRefreshInterval seconds; when a poll
 *   succeeds after failing (the server is back), the socket reconnects at once;
 * - while the tab is hidden, nothing is polled, and after hiddenPauseDelay the pushes stop too;
 *   coming back fetches at once what is due.
 *
 *   const analytics = createRealtimeAnalytics();
 *   analytics.initializeAutoRefresh(fetchAnalytics);   // fetchAnalytics({reason, topics}) → Promise
 *   analytics.initializeWebSocket(token, { topics, period: 'today', tz });
 *   analytics.onChange(() => render(analytics));
 *   analytics.cleanup();
 */
import { AnalyticsWebSocket, STATES, TOPICS } from './AnalyticsWebSocket.js';
import { formatLastUpdated } from './format.js';

/** The seed's intervals, in seconds. */
export const REFRESH_INTERVALS = Object.freeze([15, 30, 60, 300]);

export const UPDATE_STATUS = Object.freeze({ IDLE: 'idle', UPDATING: 'updating', ERROR: 'error' });

/** The next local hour boundary in a time zone after `now` (ms since the epoch). */
export function nextHourBoundary(now, timeZone) {
    const minuteFormat = new Intl.DateTimeFormat('en-US', { timeZone, minute: 'numeric', second: 'numeric' });
    const parts = Object.fromEntries(minuteFormat.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
    const intoHour = (Number(parts.minute) * 60 + Number(parts.second)) * 1000 + (now % 1000);
    return now - intoHour + 3600 * 1000;
}

export function createRealtimeAnalytics(options = {}) {
    const {
        document = globalThis.document,
        window = globalThis.window,
        timers = globalThis,
        random = Math.random,
        autoRefreshEnabled = true,
        autoRefreshInterval = 30,
        hiddenPauseDelay = 60000,
        failedRetryInterval = 300000,
        scheduledRefreshSpread = 30000,
        scheduledRefresh = (now, view) => nextHourBoundary(now, view.tz),
        socketOptions = {},
        createSocket = () => new AnalyticsWebSocket(socketOptions),
    } = options;

    const state = {
        autoRefreshEnabled: Boolean(autoRefreshEnabled),
        autoRefreshInterval: Number(autoRefreshInterval),
        lastUpdated: null,
        updateStatus: UPDATE_STATUS.IDLE,
        lastError: null,
        connection: { state: STATES.IDLE, attempt: 0, maxAttempts: 0, nextAttemptAt: null, paused: false },
        hidden: document?.visibilityState === 'hidden',
    };
    const listeners = new Set();
    const socketSubscriptions = [];
    let fetchFn = null;
    let socket = null;
    let view = null;
    let pollTimer = null;
    let scheduledTimer = null;
    let pauseTimer = null;
    let failedTimer = null;
    let clockTimer = null;
    let lastRunAt = 0;
    let running = null;
    let queued = null;
    let unreachable = false;

    const notify = () => [...listeners].forEach((listener) => listener(api));
    const isLive = () => Boolean(socket && socket.isConnected && !socket.paused);

    function set(changes) {
        Object.assign(state, changes);
        notify();
    }

    /** Runs the fetch function once at a time; a request made meanwhile runs after it, merged. */
    async function run(reason, topics = null) {
        if (!fetchFn) {
            return;
        }
        if (running) {
            queued = queued ? { reason, topics: queued.topics && topics ? [...new Set([...queued.topics, ...topics])] : null }
                : { reason, topics };
            await running;
            return;
        }
        lastRunAt = Date.now();
        set({ updateStatus: UPDATE_STATUS.UPDATING });
        running = (async () => {
            try {
                await fetchFn({ reason, topics });
                set({ lastUpdated: new Date(Date.now()), updateStatus: UPDATE_STATUS.IDLE, lastError: null });
                if (unreachable && socket && (socket.state === STATES.FAILED || socket.state === STATES.WAITING)) {
                    // The server answers again: try the socket now rather than at the next backoff step.
                    // Polls are spread by each page's own timer, so these reconnections are spread too.
                    socket.reconnectNow();
                }
                unreachable = false;
            } catch (failure) {
                unreachable = failure?.status === 0;
                set({ updateStatus: UPDATE_STATUS.ERROR, lastError: failure });
            }
        })();
        await running;
        running = null;
        if (queued) {
            const next = queued;
            queued = null;
            await run(next.reason, next.topics);
        }
    }

    function pollTick() {
        if (state.autoRefreshEnabled && !state.hidden && !isLive()) {
            run('poll');
        }
    }

    function restartPolling() {
        if (pollTimer) {
            timers.clearInterval(pollTimer);
            pollTimer = null;
        }
        if (fetchFn && state.autoRefreshEnabled && !state.hidden) {
            pollTimer = timers.setInterval(pollTick, state.autoRefreshInterval * 1000);
        }
    }

    function restartScheduled() {
        if (scheduledTimer) {
            timers.clearTimeout(scheduledTimer);
            scheduledTimer = null;
        }
        if (!fetchFn || !view || state.hidden || !state.autoRefreshEnabled) {
            return;
        }
        const now = Date.now();
        const due = scheduledRefresh(now, view) + Math.floor(random() * scheduledRefreshSpread);
        scheduledTimer = timers.setTimeout(() => {
            scheduledTimer = null;
            if (isLive()) {
                run('scheduled');
            }
            restartScheduled();
        }, Math.max(0, due - now));
    }

    function restartClock() {
        if (clockTimer) {
            timers.clearInterval(clockTimer);
            clockTimer = null;
        }
        if (listeners.size > 0 && !state.hidden) {
            clockTimer = timers.setInterval(notify, 1000);
        }
    }

    function onVisibilityChange() {
        const hidden = document.visibilityState === 'hidden';
        if (hidden === state.hidden) {
            return;
        }
        set({ hidden });
        if (hidden) {
            restartPolling();
            restartScheduled();
            restartClock();
            pauseTimer = timers.setTimeout(() => socket?.pause(), hiddenPauseDelay);
            return;
        }
        timers.clearTimeout(pauseTimer);
        pauseTimer = null;
        socket?.resume();
        const due = state.autoRefreshEnabled && !isLive() && Date.now() - lastRunAt >= state.autoRefreshInterval * 1000;
        if (due) {
            run('visible');
        }
        restartPolling();
        restartScheduled();
        restartClock();
    }

    function onOnline() {
        socket?.reconnectNow();
    }

    function onSocketStatus(status) {
        const wasLive = state.connection.state === STATES.OPEN;
        set({ connection: status });
        if (failedTimer) {
            timers.clearInterval(failedTimer);
            failedTimer = null;
        }
        if (status.state === STATES.FAILED) {
            failedTimer = timers.setInterval(() => socket?.reconnectNow(), failedRetryInterval);
        }
        if (wasLive !== (status.state === STATES.OPEN)) {
            restartPolling(); // polling starts its interval afresh when the socket goes or comes
        }
    }

    document?.addEventListener?.('visibilitychange', onVisibilityChange);
    window?.addEventListener?.('online', onOnline);

    const api = {
        get autoRefreshEnabled() {
            return state.autoRefreshEnabled;
        },
        set autoRefreshEnabled(enabled) {
            api.setAutoRefreshEnabled(enabled);
        },
        get autoRefreshInterval() {
            return state.autoRefreshInterval;
        },
        set autoRefreshInterval(seconds) {
            api.updateRefreshInterval(seconds);
        },
        get lastUpdated() {
            return state.lastUpdated;
        },
        get updateStatus() {
            return state.updateStatus;
        },
        get lastError() {
            return state.lastError;
        },
        /** 'never', 'now', '12 seconds ago', … */
        get formattedLastUpdated() {
            return formatLastUpdated(state.lastUpdated);
        },
        /** Whether pushes keep the figures current (the socket is open and subscribed). */
        get isLiveUpdating() {
            return isLive();
        },
        /** The socket's {state, attempt, maxAttempts, nextAttemptAt, paused}. */
        get connection() {
            return state.connection;
        },
        get isHidden() {
            return state.hidden;
        },
        get socket() {
            return socket;
        },
        get view() {
            return view;
        },

        /** Starts auto-refresh with the function that fetches the figures. */
        initializeAutoRefresh(fetchAnalytics) {
            if (typeof fetchAnalytics !== 'function') {
                throw new TypeError('initializeAutoRefresh needs the fetch function');
            }
            fetchFn = fetchAnalytics;
            restartPolling();
            restartScheduled();
        },

        setAutoRefreshEnabled(enabled) {
            set({ autoRefreshEnabled: Boolean(enabled) });
            restartPolling();
            restartScheduled();
        },

        toggleAutoRefresh() {
            api.setAutoRefreshEnabled(!state.autoRefreshEnabled);
            return state.autoRefreshEnabled;
        },

        /** A new interval in seconds (and optionally a new fetch function); the timer restarts. */
        updateRefreshInterval(seconds, fetchAnalytics) {
            const interval = Number(seconds);
            if (!Number.isFinite(interval) || interval < 1) {
                throw new RangeError('the interval is a number of seconds, at least 1');
            }
            if (fetchAnalytics) {
                fetchFn = fetchAnalytics;
            }
            set({ autoRefreshInterval: interval });
            restartPolling();
        },

        /** Fetches now, whatever the socket does (the refresh button). */
        refresh(topics = null) {
            return run('manual', topics);
        },

        /** Calls a handler for a WebSocket message type ('CONSULTATION_UPDATE', …); returns its unsubscribe. */
        subscribeToUpdate(type, handler) {
            const wrapped = (data, message) => {
                if (message?.topic) { // a metric value (not WELCOME or another message type)
                    set({ lastUpdated: new Date(Date.now()), updateStatus: UPDATE_STATUS.IDLE, lastError: null });
                }
                handler(data, message);
            };
            const entry = { type, handler: wrapped, off: socket ? socket.on(type, wrapped) : null };
            socketSubscriptions.push(entry);
            return () => {
                entry.off?.();
                socketSubscriptions.splice(socketSubscriptions.indexOf(entry), 1);
            };
        },

        /**
         * Connects the WebSocket and subscribes to the topics of a view {period, tz}. A gap in a
         * topic's sequence refetches that topic. Returns the socket's connect promise (already
         * handled here: callers may ignore it).
         */
        initializeWebSocket(token, { topics = TOPICS, period = 'today', tz } = {}) {
            if (!socket) {
                socket = createSocket();
                socket.onStatusChange(onSocketStatus);
                socket.onGap((gap) => run('gap', [gap.topic]));
                socketSubscriptions.forEach((entry) => {
                    entry.off = socket.on(entry.type, entry.handler);
                });
            }
            api.setView({ period, tz: tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone }, topics);
            const connected = socket.connect(token);
            connected.catch(() => {
                // reported through the connection state
            });
            return connected;
        },

        /** Switches the socket's subscription to another period or time zone. */
        setView(next, topics = TOPICS) {
            if (socket && view) {
                socket.unsubscribe(null, view);
            }
            view = { period: next.period, tz: next.tz };
            socket?.subscribe(topics, view);
            restartScheduled();
        },

        /** Closes the socket for good (a sign-out); auto-refresh goes on polling. */
        disconnectWebSocket() {
            socket?.disconnect();
        },

        /** Listens to every change of state (and to a 1 s clock while visible, for relative times). */
        onChange(listener) {
            listeners.add(listener);
            restartClock();
            return () => {
                listeners.delete(listener);
                restartClock();
            };
        },

        /** Stops timers, listeners and the socket. */
        cleanup() {
            fetchFn = null;
            [pollTimer, clockTimer, failedTimer].forEach((timer) => timer && timers.clearInterval(timer));
            [scheduledTimer, pauseTimer].forEach((timer) => timer && timers.clearTimeout(timer));
            pollTimer = clockTimer = failedTimer = scheduledTimer = pauseTimer = null;
            document?.removeEventListener?.('visibilitychange', onVisibilityChange);
            window?.removeEventListener?.('online', onOnline);
            socketSubscriptions.forEach((entry) => entry.off?.());
            socketSubscriptions.length = 0;
            socket?.disconnect();
            socket = null;
            listeners.clear();
        },
    };
    return api;
}

/** The seed's name for the store. */
export const useRealtimeAnalytics = createRealtimeAnalytics;
