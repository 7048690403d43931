import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    RECONNECT_DEFAULTS, delayBounds, nominalDelay, reconnectDelay, reconnectSchedule,
} from '../../main/resources/META-INF/resources/js/analytics/backoff.js';

test('the seed settings: 5 attempts, 3 s base delay', () => {
    assert.equal(RECONNECT_DEFAULTS.maxReconnectAttempts, 5);
    assert.equal(RECONNECT_DEFAULTS.reconnectDelay, 3000);
});

test('nominal delays double from 3 s and stop at the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => nominalDelay(n)), [3000, 6000, 12000, 24000, 48000]);
    assert.equal(nominalDelay(6), 60000);
    assert.equal(nominalDelay(100), 60000);
    assert.equal(nominalDelay(3, { reconnectDelay: 1000, maxReconnectDelay: 2500 }), 2500);
});

test('jitter spreads each delay over [0.5, 1.5] × nominal, within the cap', () => {
    assert.deepEqual(reconnectSchedule(), [
        { attempt: 1, nominal: 3000, min: 1500, max: 4500 },
        { attempt: 2, nominal: 6000, min: 3000, max: 9000 },
        { attempt: 3, nominal: 12000, min: 6000, max: 18000 },
        { attempt: 4, nominal: 24000, min: 12000, max: 36000 },
        { attempt: 5, nominal: 48000, min: 24000, max: 60000 },
    ]);
    assert.equal(reconnectDelay(1, {}, () => 0), 1500);
    assert.equal(reconnectDelay(1, {}, () => 0.5), 3000);
    assert.equal(reconnectDelay(1, {}, () => 0.9999999), 4500);
    assert.equal(reconnectDelay(5, {}, () => 0.9999999), 60000, 'capped');
});

test('random delays stay inside their bounds and use the whole range', () => {
    let seed = 12345;
    const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
    };
    for (let attempt = 1; attempt <= 5; attempt++) {
        const { min, max } = delayBounds(attempt);
        const delays = Array.from({ length: 2000 }, () => reconnectDelay(attempt, {}, random));
        assert.ok(delays.every((d) => d >= min && d <= max), `attempt ${attempt} within [${min}, ${max}]`);
        const spread = Math.max(...delays) - Math.min(...delays);
        assert.ok(spread > 0.9 * (max - min), `attempt ${attempt} spreads over its range (${spread})`);
    }
});

test('no jitter gives the nominal schedule', () => {
    assert.deepEqual([1, 2, 3].map((n) => reconnectDelay(n, { jitter: 0 }, () => 0.9)), [3000, 6000, 12000]);
});

test('bad settings are refused', () => {
    assert.throws(() => nominalDelay(0), RangeError);
    assert.throws(() => nominalDelay(1.5), RangeError);
    assert.throws(() => reconnectDelay(1, { jitter: 1 }), RangeError);
    assert.throws(() => reconnectDelay(1, { reconnectDelay: 0 }), RangeError);
    assert.throws(() => reconnectDelay(1, { reconnectDelay: 5000, maxReconnectDelay: 1000 }), RangeError);
});
