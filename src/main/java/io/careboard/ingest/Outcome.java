package io.careboard.ingest;

import io.careboard.domain.WireEnum;

/** What an upsert did; spelled {@code created} … {@code ignored_stale} on the wire. */
public enum Outcome implements WireEnum {
    /** The entity was new and is now stored. */
    CREATED,
    /** The stored entity took the new state. */
    UPDATED,
    /** The state equals the stored one (a re-send); nothing changed and no event fired. */
    UNCHANGED,
    /** The state is older than the stored one and was dropped. */
    IGNORED_STALE;

    /** Whether the state was taken; only a stale state is not. */
    public boolean applied() {
        return this != IGNORED_STALE;
    }

    /** Whether the stored data changed, so metrics and the data version move. */
    public boolean changed() {
        return this == CREATED || this == UPDATED;
    }
}
