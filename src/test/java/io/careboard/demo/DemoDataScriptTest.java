package io.careboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.demo.DemoDataScript.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataScriptTest {

    @Test
    void cutsTheScriptAtItsStepMarkersAndDropsTheHeader() {
        DemoDataScript script = DemoDataScript.parse("""
                -- header comment
                -- @step prepare
                select 1;
                select 2;
                -- @step load
                insert into t select 3;
                -- @step vacuum after-commit
                vacuum t;
                """);

        assertEquals(List.of(new Step("prepare", "select 1;\nselect 2;", false),
                new Step("load", "insert into t select 3;", false),
                new Step("vacuum", "vacuum t;", true)), script.steps());
        assertEquals(List.of("prepare", "load"), script.inTransaction().stream().map(Step::name).toList());
        assertEquals(List.of("vacuum"), script.afterCommit().stream().map(Step::name).toList());
    }

    @Test
    void refusesAScriptWithoutSteps() {
        assertThrows(IllegalArgumentException.class, () -> DemoDataScript.parse("select 1;"));
    }

    @Test
    void theShippedScriptLoadsWithVacuumAfterTheTransaction() {
        DemoDataScript script = DemoDataScript.load();

        assertTrue(script.steps().size() > 5);
        assertEquals("prepare", script.steps().get(0).name());
        assertFalse(script.afterCommit().isEmpty());
        assertTrue(script.afterCommit().stream().allMatch(s -> s.sql().startsWith("vacuum")));
    }
}
