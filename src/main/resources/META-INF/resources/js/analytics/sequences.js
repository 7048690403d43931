/**
 * Per-key sequence numbers of the WebSocket's metric messages (contract §5: seq rises by one per
 * topic, period and time zone). Keeps the highest number seen per key and judges each message:
 * an update not above it is a repeat or older (dropped); one more than one above it follows a gap
 * (the client refetches over REST). A METRICS snapshot is a complete value: it sets the baseline
 * when it is at least as new, and never reports a gap.
 */

export function sequenceKey({ topic, period, tz }) {
    return `${topic}|${period}|${String(tz ?? '').toLowerCase()}`;
}

export class SequenceTracker {
    constructor() {
        this.highest = new Map();
    }

    /**
     * Judges a message {topic, period, tz, seq}: {accepted, gap} where gap is null or
     * {expected, received} (the first number missed and the number that arrived).
     */
    accept(message, { snapshot = false } = {}) {
        const seq = Number(message.seq);
        if (!Number.isInteger(seq) || seq < 0) {
            return { accepted: true, gap: null };
        }
        const key = sequenceKey(message);
        const last = this.highest.get(key);
        if (last === undefined) {
            this.highest.set(key, seq);
            return { accepted: true, gap: null };
        }
        if (snapshot ? seq < last : seq <= last) {
            return { accepted: false, gap: null };
        }
        this.highest.set(key, seq);
        const gap = !snapshot && seq > last + 1 ? { expected: last + 1, received: seq } : null;
        return { accepted: true, gap };
    }

    /** The highest number seen for a key, or undefined. */
    last(message) {
        return this.highest.get(sequenceKey(message));
    }

    /** Forgets every number: a new connection starts from the snapshots its subscriptions answer. */
    reset() {
        this.highest.clear();
    }
}
