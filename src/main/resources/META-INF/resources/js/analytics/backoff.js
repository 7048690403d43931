/**
 * The WebSocket's reconnection schedule: exponential backoff with jitter.
 *
 * Attempt n (1-based) waits nominal(n) = min(maxReconnectDelay, reconnectDelay · 2^(n−1)), scaled by
 * a random factor in [1 − jitter, 1 + jitter] and capped at maxReconnectDelay. With the defaults
 * (3 s base, jitter 0.5) the five attempts wait 1.5–4.5 s, 3–9 s, 6–18 s, 12–36 s and 24–60 s, so the
 * dashboards that a server restart disconnects come back spread out, not all at once.
 */

export const RECONNECT_DEFAULTS = Object.freeze({
    maxReconnectAttempts: 5,
    reconnectDelay: 3000,
    maxReconnectDelay: 60000,
    jitter: 0.5,
});

function settings(options) {
    const merged = { ...RECONNECT_DEFAULTS, ...options };
    if (!(merged.jitter >= 0 && merged.jitter < 1)) {
        throw new RangeError('jitter must be in [0, 1)');
    }
    if (!(merged.reconnectDelay > 0 && merged.maxReconnectDelay >= merged.reconnectDelay)) {
        throw new RangeError('need 0 < reconnectDelay <= maxReconnectDelay');
    }
    return merged;
}

/** The delay before attempt n without jitter, in milliseconds. */
export function nominalDelay(attempt, options = {}) {
    if (!Number.isInteger(attempt) || attempt < 1) {
        throw new RangeError('attempt must be a whole number from 1');
    }
    const { reconnectDelay, maxReconnectDelay } = settings(options);
    // 2^(n−1) overflows nothing: past the cap the exponent no longer matters.
    return Math.min(maxReconnectDelay, reconnectDelay * 2 ** Math.min(attempt - 1, 30));
}

/** The smallest and largest delay attempt n can get, in milliseconds. */
export function delayBounds(attempt, options = {}) {
    const { jitter, maxReconnectDelay } = settings(options);
    const nominal = nominalDelay(attempt, options);
    return {
        min: Math.round(nominal * (1 - jitter)),
        max: Math.round(Math.min(maxReconnectDelay, nominal * (1 + jitter))),
    };
}

/** The delay before attempt n, in milliseconds; random() gives a number in [0, 1). */
export function reconnectDelay(attempt, options = {}, random = Math.random) {
    const { jitter, maxReconnectDelay } = settings(options);
    const nominal = nominalDelay(attempt, options);
    const factor = 1 - jitter + 2 * jitter * random();
    return Math.round(Math.min(maxReconnectDelay, nominal * factor));
}

/** Every attempt's nominal delay and bounds, for documentation and display. */
export function reconnectSchedule(options = {}) {
    const { maxReconnectAttempts } = settings(options);
    return Array.from({ length: maxReconnectAttempts }, (_, i) => ({
        attempt: i + 1,
        nominal: nominalDelay(i + 1, options),
        ...delayBounds(i + 1, options),
    }));
}
