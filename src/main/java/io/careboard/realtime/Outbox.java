package io.careboard.realtime;

import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * What one connection has yet to receive. Frames go to the socket without blocking anyone, at
 * most {@code maxInFlight} unwritten at a time; the rest wait here. A slow client therefore never
 * delays the others, and never makes the server buffer without bound: a waiting update is
 * replaced by a newer one of the same topic, period and zone (the client sees the gap in
 * {@code seq} and refetches), and replies past {@code maxQueuedReplies} are dropped.
 */
final class Outbox {

    /** A frame waiting; {@code key} is the update's subscription key, null for a reply. */
    private static final class Waiting {
        final String key;
        String frame;

        Waiting(String key, String frame) {
            this.key = key;
            this.frame = frame;
        }
    }

    /** Told whenever a frame is skipped or dropped. */
    interface Losses {
        void skipped();
    }

    private final WebSocketConnection connection;
    private final int maxInFlight;
    private final int maxQueuedReplies;
    private final Losses losses;
    private ArrayDeque<Waiting> waiting;
    private int inFlight;
    private int queuedReplies;
    private boolean finished;

    Outbox(WebSocketConnection connection, int maxInFlight, int maxQueuedReplies, Losses losses) {
        this.connection = connection;
        this.maxInFlight = maxInFlight;
        this.maxQueuedReplies = maxQueuedReplies;
        this.losses = losses;
    }

    /** Sends an update, or keeps it in place of the waiting one of the same key. */
    void update(String key, String frame) {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (!canSendNow()) {
                Waiting same = find(key);
                if (same != null) {
                    same.frame = frame;
                    losses.skipped();
                } else {
                    queue().add(new Waiting(key, frame));
                }
                return;
            }
            inFlight++;
        }
        write(frame);
    }

    /** Sends a reply (WELCOME, METRICS, PONG, ERROR), or queues it; dropped when too many wait. */
    void reply(String frame) {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (!canSendNow()) {
                if (queuedReplies >= maxQueuedReplies) {
                    losses.skipped();
                } else {
                    queuedReplies++;
                    queue().add(new Waiting(null, frame));
                }
                return;
            }
            inFlight++;
        }
        write(frame);
    }

    /**
     * Sends {@code frame} ahead of everything waiting, which is dropped, and accepts nothing more.
     * Completes once the frame is written (or could not be).
     */
    CompletableFuture<Void> finish(String frame) {
        synchronized (this) {
            finished = true;
            waiting = null;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        connection.sendText(frame).subscribe().with(written::complete, written::completeExceptionally);
        return written;
    }

    private boolean canSendNow() {
        return inFlight < maxInFlight && (waiting == null || waiting.isEmpty());
    }

    private void write(String frame) {
        connection.sendText(frame).subscribe().with(done -> next(), failure -> closed());
    }

    /** A write completed: the oldest waiting frame takes its place. */
    private void next() {
        String frame;
        synchronized (this) {
            Waiting first = waiting == null ? null : waiting.poll();
            if (first == null || finished) {
                inFlight--;
                return;
            }
            if (first.key == null) {
                queuedReplies--;
            }
            frame = first.frame;
        }
        write(frame);
    }

    /** A write failed: the connection is gone, and so is everything it was still to get. */
    private synchronized void closed() {
        finished = true;
        waiting = null;
    }

    private ArrayDeque<Waiting> queue() {
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        return waiting;
    }

    private Waiting find(String key) {
        if (waiting == null) {
            return null;
        }
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
            Waiting candidate = it.next();
            if (key.equals(candidate.key)) {
                return candidate;
            }
        }
        return null;
    }
}
