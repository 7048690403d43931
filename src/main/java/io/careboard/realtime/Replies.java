package io.careboard.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

/** Writes {@link ServerMessage} records with the API's JSON conventions. */
@Singleton
public class Replies {

    private final ObjectMapper mapper;

    Replies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String json(ServerMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialise " + message.type(), impossible);
        }
    }

    void send(Client client, ServerMessage message) {
        client.outbox().reply(json(message));
    }
}
