// A stand-in for the browser's WebSocket in the client's unit tests: it records what the client
// sends and lets the test play the server. (The browser tests use the real server and socket.)

export class FakeSocket {
    static instances = [];

    constructor(url, protocols) {
        this.url = url;
        this.protocols = protocols;
        this.readyState = 0;
        this.sent = [];
        this.closedWith = null;
        this.answersPings = FakeSocket.answerPings;
        FakeSocket.instances.push(this);
    }

    static last() {
        return FakeSocket.instances[FakeSocket.instances.length - 1];
    }

    /** Whether new sockets answer pings (a live server does). */
    static answerPings = false;

    static reset(answerPings = false) {
        FakeSocket.instances = [];
        FakeSocket.answerPings = answerPings;
    }

    send(text) {
        const message = JSON.parse(text);
        this.sent.push(message);
        if (message.action === 'ping' && this.answersPings) {
            this.receive({ type: 'PONG' });
        }
    }

    close(code, reason) {
        this.closedWith = { code, reason };
        this.readyState = 3;
    }

    /** The server accepts and welcomes. */
    welcome(extra = {}) {
        this.readyState = 1;
        this.receive({ type: 'WELCOME', connection_id: 'c1', heartbeat_interval_ms: 30000, currency: 'EUR', ...extra });
    }

    receive(message) {
        this.onmessage?.({ data: JSON.stringify(message) });
    }

    /** The connection ends (refused, dropped or closed by the server). */
    drop(code = 1006, reason = '') {
        this.readyState = 3;
        this.onclose?.({ code, reason });
    }
}
