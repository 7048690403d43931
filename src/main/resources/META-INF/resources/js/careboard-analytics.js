/**
 * Careboard's JavaScript client, framework-free (docs/dashboard.md, "The client API"):
 *
 *   import { AnalyticsWebSocket, AnalyticsApi, AnalyticsCacheManager, createRealtimeAnalytics }
 *       from '/js/careboard-analytics.js';
 *
 * The Vue adapter lives in /js/analytics/vue.js (it takes the caller's Vue).
 */
export { AnalyticsWebSocket, STATES, TOPICS, UPDATE_TYPES, WS_PATH } from './analytics/AnalyticsWebSocket.js';
export { default as analyticsWebSocket } from './analytics/AnalyticsWebSocket.js';
export { AnalyticsApi, ApiError, API_BASE, METRIC_PATHS } from './analytics/AnalyticsApi.js';
export {
    default as AnalyticsCacheManager, CACHE_KEYS, CACHE_TTLS, estimateFreshness, getKeyWithIdentifier,
    createWarmingStrategy, createInvalidationStrategy,
} from './analytics/AnalyticsCacheManager.js';
export {
    createRealtimeAnalytics, useRealtimeAnalytics, REFRESH_INTERVALS, UPDATE_STATUS, nextHourBoundary,
} from './analytics/realtime.js';
export { RECONNECT_DEFAULTS, reconnectDelay, delayBounds, nominalDelay, reconnectSchedule } from './analytics/backoff.js';
export { SequenceTracker } from './analytics/sequences.js';
export { readClaims, isAdmin, isExpired, webSocketProtocols, ADMIN_ROLE, VIEWER_ROLE } from './analytics/token.js';
export { createFormatters, formatBuckets, formatLastUpdated } from './analytics/format.js';
