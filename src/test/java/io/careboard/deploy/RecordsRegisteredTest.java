package io.careboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.deploy.AppClasses.AppClass;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast half of the native-image reflection rule, run with every {@code ./mvnw test}: each
 * record under io.careboard carries {@code @RegisterForReflection}, or is listed with its reason
 * in records-never-serialised.txt. {@link NativeSourcesCheck} then proves, on the generated
 * reflection configuration, that the registration took effect.
 */
class RecordsRegisteredTest {

    @Test
    void everyRecordIsAnnotatedOrListedAsNeverSerialised() {
        Map<String, String> notSerialised = AllowList.read("deploy/records-never-serialised.txt");
        List<String> unregistered = AppClasses.ofThisBuild().stream().filter(AppClass::isRecord)
                .filter(r -> !r.annotations().contains(RegisterForReflection.class.getName()))
                .map(AppClass::name).filter(name -> !notSerialised.containsKey(name)).toList();
        assertEquals(List.of(), unregistered, "records without @RegisterForReflection: a native image could not "
                + "(de)serialise them. Annotate each, or list it with the reason in "
                + "src/test/resources/deploy/records-never-serialised.txt if it is never serialised");
    }
}
