package io.careboard.ingest;

import io.careboard.domain.event.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.List;

/** Test observer: records the domain events that reach observers after a commit, as the real ones do. */
@ApplicationScoped
public class RecordedEvents {

    private final List<DomainEvent> events = new ArrayList<>();

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainEvent event) {
        synchronized (events) {
            events.add(event);
        }
    }

    /** The events recorded since the last call, in order. */
    public List<DomainEvent> drain() {
        synchronized (events) {
            List<DomainEvent> drained = List.copyOf(events);
            events.clear();
            return drained;
        }
    }
}
