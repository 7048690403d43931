/**
 * The REST side of the client: the metric endpoints with conditional requests (an unchanged answer
 * costs a 304 and no body), and the admin endpoints. The token travels in the Authorization header,
 * never in a URL. Answers are not written to the browser's HTTP cache (health data stays in memory).
 */

export const API_BASE = '/api/v1/analytics';

/** A failed request: status 0 for a network failure or timeout, else the HTTP status with its problem details. */
export class ApiError extends Error {
    constructor(status, message, problem = null) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.problem = problem;
    }

    get unauthorized() {
        return this.status === 401;
    }
}

/** The metric endpoints by topic (the names the WebSocket and the envelopes use). */
export const METRIC_PATHS = Object.freeze({
    overview: '/overview',
    consultations: '/consultations',
    doctors: '/doctors',
    revenue: '/revenue',
    health_trends: '/health-trends',
    range: '/range',
});

function query(params) {
    const entries = Object.entries(params ?? {})
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`;
}

async function problemOf(response) {
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) {
        return null;
    }
    try {
        return await response.json();
    } catch {
        return null;
    }
}

export class AnalyticsApi {
    /**
     * @param {object} options
     * @param {string} [options.baseUrl] the analytics API ('/api/v1/analytics')
     * @param {() => string|null} options.token gives the current bearer token
     * @param {typeof fetch} [options.fetch]
     * @param {number} [options.timeoutMs] per request (15 s)
     */
    constructor({ baseUrl = API_BASE, token, fetch = globalThis.fetch?.bind(globalThis), timeoutMs = 15000 } = {}) {
        if (typeof token !== 'function') {
            throw new TypeError('token must be a function that returns the bearer token');
        }
        this.baseUrl = baseUrl.replace(/\/$/, '');
        this.token = token;
        this.fetchImpl = fetch;
        this.timeoutMs = timeoutMs;
        /** url → {etag, envelope}: what a 304 stands for. */
        this.validated = new Map();
    }

    /**
     * A metric envelope, asked conditionally when an earlier answer for the same URL is known:
     * {envelope, notModified, receivedAt, url}. On a 304 the envelope is the one kept from before.
     */
    async metric(topic, params = {}) {
        const path = METRIC_PATHS[topic];
        if (!path) {
            throw new RangeError(`unknown metric ${topic}`);
        }
        const url = `${this.baseUrl}${path}${query(params)}`;
        const known = this.validated.get(url);
        const headers = known ? { 'If-None-Match': known.etag } : {};
        const response = await this.request(url, { headers });
        const receivedAt = Date.now();
        if (response.status === 304 && known) {
            return { envelope: known.envelope, notModified: true, receivedAt, url };
        }
        if (!response.ok) {
            throw await this.failure(response);
        }
        const envelope = await response.json();
        const etag = response.headers.get('etag');
        if (etag) {
            this.validated.set(url, { etag, envelope });
        } else {
            this.validated.delete(url);
        }
        return { envelope, notModified: false, receivedAt, url };
    }

    /** Forgets every kept answer (a new token, a sign-out). */
    forget() {
        this.validated.clear();
    }

    cacheStatus() {
        return this.json('GET', '/cache/status');
    }

    warmCache() {
        return this.json('POST', '/cache/warm');
    }

    refreshCache() {
        return this.json('POST', '/refresh');
    }

    realtime(params = {}) {
        return this.json('GET', `/realtime${query(params)}`);
    }

    async json(method, path) {
        const response = await this.request(`${this.baseUrl}${path}`, { method });
        if (!response.ok) {
            throw await this.failure(response);
        }
        return response.json();
    }

    async request(url, { method = 'GET', headers = {} } = {}) {
        const token = this.token();
        if (!token) {
            throw new ApiError(401, 'no token');
        }
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), this.timeoutMs);
        try {
            return await this.fetchImpl(url, {
                method,
                headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...headers },
                cache: 'no-store',
                credentials: 'omit',
                signal: controller.signal,
            });
        } catch (failure) {
            const timedOut = failure?.name === 'AbortError';
            throw new ApiError(0, timedOut ? `no answer within ${this.timeoutMs} ms` : 'the server cannot be reached');
        } finally {
            clearTimeout(timer);
        }
    }

    async failure(response) {
        const problem = await problemOf(response);
        const detail = problem?.detail || problem?.title || response.statusText || `HTTP ${response.status}`;
        return new ApiError(response.status, detail, problem);
    }
}
