import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SequenceTracker } from '../../main/resources/META-INF/resources/js/analytics/sequences.js';

const at = (seq, topic = 'consultations', period = 'today', tz = 'Europe/Berlin') => ({ topic, period, tz, seq });

test('updates in order are accepted, repeats and older ones dropped', () => {
    const tracker = new SequenceTracker();
    assert.deepEqual(tracker.accept(at(7)), { accepted: true, gap: null });
    assert.deepEqual(tracker.accept(at(8)), { accepted: true, gap: null });
    assert.deepEqual(tracker.accept(at(8)), { accepted: false, gap: null });
    assert.deepEqual(tracker.accept(at(5)), { accepted: false, gap: null });
    assert.equal(tracker.last(at(0)), 8);
});

test('a jump reports the gap and is accepted', () => {
    const tracker = new SequenceTracker();
    tracker.accept(at(3));
    assert.deepEqual(tracker.accept(at(6)), { accepted: true, gap: { expected: 4, received: 6 } });
    assert.deepEqual(tracker.accept(at(7)), { accepted: true, gap: null });
});

test('keys are topic, period and zone; zones compare without case', () => {
    const tracker = new SequenceTracker();
    tracker.accept(at(3));
    assert.deepEqual(tracker.accept(at(10, 'revenue')), { accepted: true, gap: null });
    assert.deepEqual(tracker.accept(at(10, 'consultations', 'week')), { accepted: true, gap: null });
    assert.deepEqual(tracker.accept(at(4, 'consultations', 'today', 'europe/berlin')), { accepted: true, gap: null });
});

test('a snapshot sets the baseline when at least as new, never reports a gap', () => {
    const tracker = new SequenceTracker();
    tracker.accept(at(3));
    assert.deepEqual(tracker.accept(at(9), { snapshot: true }), { accepted: true, gap: null });
    assert.deepEqual(tracker.accept(at(9), { snapshot: true }), { accepted: true, gap: null }, 'same number: the value may be newer');
    assert.deepEqual(tracker.accept(at(8), { snapshot: true }), { accepted: false, gap: null });
    assert.deepEqual(tracker.accept(at(10)), { accepted: true, gap: null });
});

test('reset forgets every key; messages without a number pass', () => {
    const tracker = new SequenceTracker();
    tracker.accept(at(3));
    tracker.reset();
    assert.deepEqual(tracker.accept(at(1)), { accepted: true, gap: null });
    assert.deepEqual(tracker.accept({ topic: 'overview', period: 'today', tz: 'UTC' }), { accepted: true, gap: null });
});
