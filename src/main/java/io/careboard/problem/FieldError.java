package io.careboard.problem;

/** One bad input: {@code field} is a JSON path ({@code score}, {@code [3].doctor_id}) or a parameter name. */
public record FieldError(String field, String message) {
}
