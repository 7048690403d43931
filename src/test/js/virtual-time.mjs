// Virtual timers for the client's unit tests: the client takes a `timers` object, and Date.now is
// replaced for the test's duration, so schedules can be checked to the millisecond without waiting.

export class VirtualTime {
    constructor(start = 1_800_000_000_000) {
        this.now = start;
        this.nextId = 1;
        this.pending = new Map();
        this.setTimeout = (callback, delay = 0) => this.schedule(callback, delay, null);
        this.setInterval = (callback, every) => this.schedule(callback, every, every);
        this.clearTimeout = (id) => this.pending.delete(id);
        this.clearInterval = (id) => this.pending.delete(id);
    }

    schedule(callback, delay, every) {
        const id = this.nextId++;
        this.pending.set(id, { at: this.now + Math.max(0, delay), callback, every, delay });
        return id;
    }

    /** The delays of the timers pending now, in the order they were set. */
    delays() {
        return [...this.pending.values()].map((timer) => timer.delay);
    }

    /** Runs the timers due within ms, in time order, letting promises settle between them. */
    async advance(ms) {
        const end = this.now + ms;
        for (;;) {
            const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
            if (!due) {
                break;
            }
            const [id, timer] = due;
            this.now = timer.at;
            if (timer.every) {
                timer.at += timer.every;
            } else {
                this.pending.delete(id);
            }
            timer.callback();
            await settle();
        }
        this.now = end;
        await settle();
    }

    /** Replaces Date.now with the virtual clock for a test (node:test's TestContext). */
    install(t) {
        t.mock.method(Date, 'now', () => this.now);
        return this;
    }
}

export async function settle() {
    for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}
