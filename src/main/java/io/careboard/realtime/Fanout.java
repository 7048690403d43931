package io.careboard.realtime;

import jakarta.inject.Singleton;

/** Hands a frame to every local subscriber of a key; never blocks, whatever the clients do. */
@Singleton
public class Fanout {

    private final LocalSubscriptions subscriptions;

    Fanout(LocalSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    void deliver(String wire, String frame) {
        for (Client client : subscriptions.of(wire)) {
            client.outbox().update(wire, frame);
        }
    }
}
