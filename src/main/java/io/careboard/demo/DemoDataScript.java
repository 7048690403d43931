package io.careboard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo data SQL ({@value #RESOURCE}), cut into the steps it marks with {@code -- @step <name>}
 * lines. A step marked {@code after-commit} runs once the generating transaction committed.
 */
record DemoDataScript(List<Step> steps) {

    static final String RESOURCE = "demo/demo-data.sql";

    private static final Pattern STEP = Pattern.compile("^-- @step (.+?)( after-commit)?\\s*$");

    /** One named part of the script: one or more SQL statements. */
    record Step(String name, String sql, boolean afterCommit) {
    }

    static DemoDataScript load() {
        try (InputStream in = DemoDataScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The steps of {@code text}; what comes before the first step marker is its header comment. */
    static DemoDataScript parse(String text) {
        List<Step> steps = new ArrayList<>();
        String name = null;
        boolean afterCommit = false;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            Matcher marker = STEP.matcher(line);
            if (marker.matches()) {
                if (name != null) {
                    steps.add(new Step(name, sql.toString().strip(), afterCommit));
                }
                name = marker.group(1);
                afterCommit = marker.group(2) != null;
                sql.setLength(0);
            } else if (name != null) {
                sql.append(line).append('\n');
            }
        }
        if (name != null) {
            steps.add(new Step(name, sql.toString().strip(), afterCommit));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the demo data script marks no step");
        }
        return new DemoDataScript(List.copyOf(steps));
    }

    List<Step> inTransaction() {
        return steps.stream().filter(s -> !s.afterCommit()).toList();
    }

    List<Step> afterCommit() {
        return steps.stream().filter(Step::afterCommit).toList();
    }
}
