package io.careboard.realtime;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of this replica's clients subscribe to what, by the key's wire form (the form updates
 * arrive in). The cluster-wide set learns of a key when it gains its first local subscriber and
 * loses it with the last one (inside the map's per-key update, so the two never disagree).
 */
@Singleton
public class LocalSubscriptions {

    private final Map<String, Set<Client>> byKey = new ConcurrentHashMap<>();
    private final ClusterSubscriptions cluster;

    LocalSubscriptions(ClusterSubscriptions cluster) {
        this.cluster = cluster;
    }

    void add(Client client, Collection<SubscriptionKey> keys) {
        for (SubscriptionKey key : keys) {
            byKey.compute(key.wire(), (wire, clients) -> {
                Set<Client> set = clients;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                    cluster.announce(key);
                }
                set.add(client);
                return set;
            });
        }
    }

    void remove(Client client, Collection<SubscriptionKey> keys) {
        for (SubscriptionKey key : keys) {
            byKey.computeIfPresent(key.wire(), (wire, clients) -> {
                clients.remove(client);
                if (!clients.isEmpty()) {
                    return clients;
                }
                cluster.withdraw(key);
                return null;
            });
        }
    }

    /** The clients subscribed to the key written {@code wire}; empty when none. */
    Collection<Client> of(String wire) {
        Set<Client> clients = byKey.get(wire);
        return clients == null ? List.of() : clients;
    }

}
