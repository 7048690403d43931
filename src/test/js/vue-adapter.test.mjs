import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as Vue from 'vue';
import { createRealtimeAnalytics } from '../../main/resources/META-INF/resources/js/analytics/realtime.js';
import { useRealtimeAnalytics } from '../../main/resources/META-INF/resources/js/analytics/vue.js';
import { VirtualTime } from './virtual-time.mjs';

function setup(t) {
    const time = new VirtualTime(Date.parse('2026-11-26T14:05:00Z')).install(t);
    const document = new EventTarget();
    document.visibilityState = 'visible';
    const store = createRealtimeAnalytics({ document, window: new EventTarget(), timers: time });
    return { time, store };
}

test("the seed's names, as Vue refs", (t) => {
    const { store } = setup(t);
    const scope = Vue.effectScope();
    const analytics = scope.run(() => useRealtimeAnalytics(Vue, { store }));
    for (const name of ['autoRefreshEnabled', 'autoRefreshInterval', 'lastUpdated', 'updateStatus', 'formattedLastUpdated',
        'isLiveUpdating']) {
        assert.ok(Vue.isRef(analytics[name]), name);
    }
    for (const name of ['initializeAutoRefresh', 'toggleAutoRefresh', 'updateRefreshInterval', 'subscribeToUpdate',
        'initializeWebSocket', 'cleanup']) {
        assert.equal(typeof analytics[name], 'function', name);
    }
    assert.equal(analytics.isLiveUpdating.value, false);
    scope.stop();
});

test('refs follow the store, and writes to them reach it (v-model)', async (t) => {
    const { store, time } = setup(t);
    const scope = Vue.effectScope();
    const analytics = scope.run(() => useRealtimeAnalytics(Vue, { store }));
    const fetches = [];
    analytics.initializeAutoRefresh(async () => fetches.push(time.now));
    assert.equal(analytics.formattedLastUpdated.value, 'never');

    analytics.autoRefreshInterval.value = 15;
    await Vue.nextTick();
    assert.equal(store.autoRefreshInterval, 15);
    await time.advance(15000);
    assert.equal(fetches.length, 1);
    assert.equal(analytics.updateStatus.value, 'idle');
    assert.equal(analytics.lastUpdated.value.getTime(), time.now);

    await time.advance(12000);
    assert.equal(analytics.formattedLastUpdated.value, '12 seconds ago', 'the relative time moves with the clock');

    analytics.autoRefreshEnabled.value = false;
    await Vue.nextTick();
    assert.equal(store.autoRefreshEnabled, false);
    store.toggleAutoRefresh();
    assert.equal(analytics.autoRefreshEnabled.value, true);
    scope.stop();
});

test('disposing the scope cleans up: no more polling', async (t) => {
    const { store, time } = setup(t);
    const scope = Vue.effectScope();
    const analytics = scope.run(() => useRealtimeAnalytics(Vue, { store }));
    let fetches = 0;
    analytics.initializeAutoRefresh(async () => {
        fetches += 1;
    });
    scope.stop();
    await time.advance(600000);
    assert.equal(fetches, 0);
});

test('without Vue 3 it says so', () => {
    assert.throws(() => useRealtimeAnalytics({}), /needs Vue 3/);
});
