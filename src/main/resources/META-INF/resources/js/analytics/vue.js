/**
 * A thin Vue 3 adapter over the realtime-analytics store, with the seed's names. It uses the Vue
 * the caller passes in (nothing of Vue is bundled here):
 *
 *   import * as Vue from 'vue';
 *   import { useRealtimeAnalytics } from '/js/analytics/vue.js';
 *   const { autoRefreshEnabled, formattedLastUpdated, initializeAutoRefresh, ... } = useRealtimeAnalytics(Vue);
 *
 * autoRefreshEnabled and autoRefreshInterval are writable refs (v-model works); the other fields
 * are read-only refs and computed values. Inside a component or effect scope, cleanup runs when
 * the scope is disposed.
 */
import { createRealtimeAnalytics } from './realtime.js';
import { formatLastUpdated } from './format.js';

export function useRealtimeAnalytics(Vue, options = {}) {
    const { ref, shallowRef, computed, watch, getCurrentScope, onScopeDispose } = Vue ?? {};
    if (typeof ref !== 'function' || typeof computed !== 'function' || typeof watch !== 'function') {
        throw new TypeError('useRealtimeAnalytics(Vue) needs Vue 3 (ref, computed, watch)');
    }
    const store = options.store ?? createRealtimeAnalytics(options);
    const holder = shallowRef ?? ref;

    const autoRefreshEnabled = ref(store.autoRefreshEnabled);
    const autoRefreshInterval = ref(store.autoRefreshInterval);
    const lastUpdated = holder(store.lastUpdated);
    const updateStatus = ref(store.updateStatus);
    const connection = holder(store.connection);
    const live = ref(store.isLiveUpdating);
    const now = ref(Date.now());

    const stopListening = store.onChange(() => {
        autoRefreshEnabled.value = store.autoRefreshEnabled;
        autoRefreshInterval.value = store.autoRefreshInterval;
        lastUpdated.value = store.lastUpdated;
        updateStatus.value = store.updateStatus;
        connection.value = store.connection;
        live.value = store.isLiveUpdating;
        now.value = Date.now();
    });
    const stopWatching = [
        watch(autoRefreshEnabled, (enabled) => {
            if (enabled !== store.autoRefreshEnabled) {
                store.setAutoRefreshEnabled(enabled);
            }
        }),
        watch(autoRefreshInterval, (seconds) => {
            if (Number(seconds) !== store.autoRefreshInterval) {
                store.updateRefreshInterval(Number(seconds));
            }
        }),
    ];

    const formattedLastUpdated = computed(() => formatLastUpdated(lastUpdated.value, now.value));
    const isLiveUpdating = computed(() => live.value);

    let cleaned = false;
    function cleanup() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        stopListening();
        stopWatching.forEach((stop) => stop());
        store.cleanup();
    }
    if (getCurrentScope?.() && onScopeDispose) {
        onScopeDispose(cleanup);
    }

    return {
        autoRefreshEnabled,
        autoRefreshInterval,
        lastUpdated,
        updateStatus,
        formattedLastUpdated,
        isLiveUpdating,
        connection,
        initializeAutoRefresh: store.initializeAutoRefresh,
        toggleAutoRefresh: store.toggleAutoRefresh,
        updateRefreshInterval: store.updateRefreshInterval,
        subscribeToUpdate: store.subscribeToUpdate,
        initializeWebSocket: store.initializeWebSocket,
        refresh: store.refresh,
        cleanup,
        store,
    };
}
