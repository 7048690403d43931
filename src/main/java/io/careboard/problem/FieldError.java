package io.careboard.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One bad input: {@code field} is a JSON path ({@code score}, {@code [3].doctor_id}) or a parameter name. */
@RegisterForReflection
public record FieldError(String field, String message) {
}
