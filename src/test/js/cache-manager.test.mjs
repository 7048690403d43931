import assert from 'node:assert/strict';
import { test } from 'node:test';
import AnalyticsCacheManager, {
    CACHE_KEYS, createInvalidationStrategy, createWarmingStrategy, estimateFreshness, getKeyWithIdentifier,
} from '../../main/resources/META-INF/resources/js/analytics/AnalyticsCacheManager.js';

test("the seed's example: estimateFreshness(300, 45)", () => {
    assert.deepEqual(AnalyticsCacheManager.estimateFreshness(300, 45), { percentage: 85, status: 'fresh', remainingSeconds: 255 });
});

test('freshness from new to expired', () => {
    assert.deepEqual(estimateFreshness(600, 0), { percentage: 100, status: 'fresh', remainingSeconds: 600 });
    assert.deepEqual(estimateFreshness(600, 300), { percentage: 50, status: 'fresh', remainingSeconds: 300 });
    assert.deepEqual(estimateFreshness(600, 301), { percentage: 50, status: 'fresh', remainingSeconds: 299 },
        'the status follows the percentage shown');
    assert.deepEqual(estimateFreshness(600, 304), { percentage: 49, status: 'aging', remainingSeconds: 296 });
    assert.deepEqual(estimateFreshness(600, 594), { percentage: 1, status: 'aging', remainingSeconds: 6 });
    assert.deepEqual(estimateFreshness(600, 599.6), { percentage: 0, status: 'expired', remainingSeconds: 0 });
    assert.deepEqual(estimateFreshness(600, 600), { percentage: 0, status: 'expired', remainingSeconds: 0 });
    assert.deepEqual(estimateFreshness(600, 5000), { percentage: 0, status: 'expired', remainingSeconds: 0 });
});

test('freshness of odd inputs', () => {
    assert.deepEqual(estimateFreshness(300, -20), { percentage: 100, status: 'fresh', remainingSeconds: 300 }, 'clock skew');
    assert.deepEqual(estimateFreshness(0, 0), { percentage: 0, status: 'expired', remainingSeconds: 0 });
    assert.deepEqual(estimateFreshness('900', '90'), { percentage: 90, status: 'fresh', remainingSeconds: 810 });
    assert.throws(() => estimateFreshness(undefined, 3), TypeError);
    assert.throws(() => estimateFreshness(300, Number.NaN), TypeError);
});

test('cache keys are the server cache names', () => {
    assert.deepEqual(Object.values(CACHE_KEYS), ['consultations', 'doctors', 'revenue', 'health-trends', 'overview', 'range']);
    assert.equal(getKeyWithIdentifier(CACHE_KEYS.CONSULTATION_METRICS, 'today'), 'consultations:today');
    assert.equal(getKeyWithIdentifier(CACHE_KEYS.DOCTOR_PERFORMANCE, 'week', 'UTC', 'rating'), 'doctors:week|UTC|rating');
    assert.equal(getKeyWithIdentifier(CACHE_KEYS.HEALTH_TRENDS), 'health-trends');
    assert.throws(() => getKeyWithIdentifier('CONSULTATION_METRICS', 'today'), RangeError);
});

test('warming order: consultations, doctors, revenue, health trends, overview, each for every period', () => {
    const strategy = createWarmingStrategy();
    assert.deepEqual(strategy.order, ['consultations', 'doctors', 'revenue', 'health-trends', 'overview']);
    assert.deepEqual(strategy.steps.map((s) => [s.priority, s.ttlSeconds]), [[1, 300], [2, 600], [3, 900], [4, 600], [5, 300]]);
    const entries = strategy.entries();
    assert.equal(entries.length, 20);
    assert.deepEqual(entries.slice(0, 5), ['consultations:today', 'consultations:week', 'consultations:month',
        'consultations:year', 'doctors:today']);
});

test('invalidation: the contract table plus health trends for consultation changes', () => {
    const strategy = createInvalidationStrategy();
    const sorted = (event) => [...strategy.keysFor(event)].sort();
    assert.deepEqual(sorted('ConsultationCreated'), ['consultations', 'health-trends', 'overview', 'range', 'revenue']);
    assert.deepEqual(sorted('ConsultationCompleted'),
        ['consultations', 'doctors', 'health-trends', 'overview', 'range', 'revenue']);
    assert.deepEqual(sorted('RatingCreated'), ['doctors', 'overview', 'range']);
    assert.deepEqual(sorted('PaymentRecorded'), ['doctors', 'overview', 'range', 'revenue']);
    assert.deepEqual(sorted('HealthDataUpdated'), ['health-trends', 'overview', 'range']);
    assert.deepEqual(strategy.keysFor('SomethingElse'), []);
    assert.deepEqual([...strategy.topicsFor('HealthDataUpdated')].sort(), ['health_trends', 'overview']);
    assert.throws(() => {
        strategy.table.RatingCreated.push('consultations');
    }, TypeError, 'frozen');
});
