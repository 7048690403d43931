/**
 * The seed's AnalyticsCacheManager: the server's cache names and TTLs, freshness estimates, and the
 * warming and invalidation strategies the server follows (io.careboard.cache.CacheWarmer and
 * io.careboard.cache.CacheInvalidation; a server test checks that the two sides agree).
 */

/** The server's caches, one per metric family (GET /cache/status lists them by these names). */
export const CACHE_KEYS = Object.freeze({
    CONSULTATION_METRICS: 'consultations',
    DOCTOR_PERFORMANCE: 'doctors',
    REVENUE_ANALYTICS: 'revenue',
    HEALTH_TRENDS: 'health-trends',
    DASHBOARD_OVERVIEW: 'overview',
    DATE_RANGE: 'range',
});

/** The seed's TTLs, in seconds, as the server configures them. */
export const CACHE_TTLS = Object.freeze({
    [CACHE_KEYS.CONSULTATION_METRICS]: 300,
    [CACHE_KEYS.DOCTOR_PERFORMANCE]: 600,
    [CACHE_KEYS.REVENUE_ANALYTICS]: 900,
    [CACHE_KEYS.HEALTH_TRENDS]: 600,
    [CACHE_KEYS.DASHBOARD_OVERVIEW]: 300,
    [CACHE_KEYS.DATE_RANGE]: 1800,
});

/** The WebSocket topic of each cache (range has none: it is not pushed). */
export const CACHE_TOPICS = Object.freeze({
    [CACHE_KEYS.CONSULTATION_METRICS]: 'consultations',
    [CACHE_KEYS.DOCTOR_PERFORMANCE]: 'doctors',
    [CACHE_KEYS.REVENUE_ANALYTICS]: 'revenue',
    [CACHE_KEYS.HEALTH_TRENDS]: 'health_trends',
    [CACHE_KEYS.DASHBOARD_OVERVIEW]: 'overview',
});

/** The named periods the server warms. */
export const PERIODS = Object.freeze(['today', 'week', 'month', 'year']);

/** A key of one cache entry: the cache's name and what identifies the entry ('today', 'today|UTC'). */
export function getKeyWithIdentifier(key, ...identifiers) {
    if (!Object.values(CACHE_KEYS).includes(key)) {
        throw new RangeError(`unknown cache key ${key}`);
    }
    const parts = identifiers.filter((part) => part !== undefined && part !== null && part !== '');
    return parts.length === 0 ? key : `${key}:${parts.join('|')}`;
}

/** At or above this share of its lifetime left, an answer is fresh; above 0, aging; at 0, expired. */
export const FRESH_THRESHOLD = 50;

/**
 * How fresh an answer is that lives ttlSeconds and is ageSeconds old:
 * {percentage (0..100, whole), status ('fresh' | 'aging' | 'expired'), remainingSeconds}.
 * estimateFreshness(300, 45) → {percentage: 85, status: 'fresh', remainingSeconds: 255}.
 */
export function estimateFreshness(ttlSeconds, ageSeconds) {
    const ttl = Number(ttlSeconds);
    const age = Math.max(0, Number(ageSeconds));
    if (!Number.isFinite(ttl) || !Number.isFinite(age)) {
        throw new TypeError('ttl and age must be numbers');
    }
    if (ttl <= 0) {
        return { percentage: 0, status: 'expired', remainingSeconds: 0 };
    }
    const remainingSeconds = Math.max(0, Math.round(ttl - age));
    const percentage = Math.max(0, Math.min(100, Math.round((remainingSeconds / ttl) * 100)));
    let status = 'expired';
    if (remainingSeconds > 0) {
        status = percentage >= FRESH_THRESHOLD ? 'fresh' : 'aging';
    }
    return { percentage, status, remainingSeconds };
}

/**
 * The server's warming order (POST /cache/warm and the hourly job): consultations → doctors →
 * revenue → health trends → overview, each for every named period in the default time zone.
 */
export function createWarmingStrategy() {
    const order = [
        CACHE_KEYS.CONSULTATION_METRICS,
        CACHE_KEYS.DOCTOR_PERFORMANCE,
        CACHE_KEYS.REVENUE_ANALYTICS,
        CACHE_KEYS.HEALTH_TRENDS,
        CACHE_KEYS.DASHBOARD_OVERVIEW,
    ];
    const steps = order.map((key, index) => ({ priority: index + 1, key, ttlSeconds: CACHE_TTLS[key], periods: [...PERIODS] }));
    return Object.freeze({
        order: Object.freeze(order),
        steps: Object.freeze(steps),
        /** Every (key, period) pair in the order they are warmed. */
        entries() {
            return steps.flatMap((step) => step.periods.map((period) => getKeyWithIdentifier(step.key, period)));
        },
    });
}

const K = CACHE_KEYS;
const EVERY_CONSULTATION_CHANGE = [K.CONSULTATION_METRICS, K.DASHBOARD_OVERVIEW, K.REVENUE_ANALYTICS,
    K.DOCTOR_PERFORMANCE, K.HEALTH_TRENDS, K.DATE_RANGE];

/**
 * The caches each domain event drops, as the server does: contract §4, plus health trends for
 * every consultation change (their age, sex and diagnosis figures count consultations) and the
 * changes the contract does not list (a changed consultation, rating or payment, a doctor).
 */
const INVALIDATION_TABLE = Object.freeze({
    ConsultationCreated: [K.CONSULTATION_METRICS, K.DASHBOARD_OVERVIEW, K.REVENUE_ANALYTICS, K.HEALTH_TRENDS,
        K.DATE_RANGE],
    ConsultationCompleted: EVERY_CONSULTATION_CHANGE,
    ConsultationCancelled: EVERY_CONSULTATION_CHANGE,
    ConsultationChanged: EVERY_CONSULTATION_CHANGE,
    RatingCreated: [K.DOCTOR_PERFORMANCE, K.DASHBOARD_OVERVIEW, K.DATE_RANGE],
    RatingChanged: [K.DOCTOR_PERFORMANCE, K.DASHBOARD_OVERVIEW, K.DATE_RANGE],
    PaymentRecorded: [K.REVENUE_ANALYTICS, K.DASHBOARD_OVERVIEW, K.DOCTOR_PERFORMANCE, K.DATE_RANGE],
    PaymentChanged: [K.REVENUE_ANALYTICS, K.DASHBOARD_OVERVIEW, K.DOCTOR_PERFORMANCE, K.DATE_RANGE],
    HealthDataUpdated: [K.HEALTH_TRENDS, K.DASHBOARD_OVERVIEW, K.DATE_RANGE],
    DoctorChanged: [K.CONSULTATION_METRICS, K.DOCTOR_PERFORMANCE, K.REVENUE_ANALYTICS],
});

export function createInvalidationStrategy() {
    const table = Object.freeze(Object.fromEntries(Object.entries(INVALIDATION_TABLE)
        .map(([event, keys]) => [event, Object.freeze([...keys])])));
    return Object.freeze({
        table,
        events: Object.freeze(Object.keys(table)),
        /** The cache keys an event drops; an unknown event drops nothing. */
        keysFor(event) {
            return table[event] ?? [];
        },
        /** The WebSocket topics whose values an event changes (range is not pushed). */
        topicsFor(event) {
            return (table[event] ?? []).map((key) => CACHE_TOPICS[key]).filter(Boolean);
        },
    });
}

const AnalyticsCacheManager = Object.freeze({
    CACHE_KEYS,
    CACHE_TTLS,
    CACHE_TOPICS,
    PERIODS,
    FRESH_THRESHOLD,
    getKeyWithIdentifier,
    estimateFreshness,
    createWarmingStrategy,
    createInvalidationStrategy,
});

export default AnalyticsCacheManager;
