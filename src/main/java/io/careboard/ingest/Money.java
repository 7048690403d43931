package io.careboard.ingest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An amount of the platform currency as a {@code numeric(14, 2)} column holds it: ≥ 0, cents at most; null passes. */
@Documented
@PositiveOrZero
@Digits(integer = 12, fraction = 2)
@Constraint(validatedBy = {})
@Target(FIELD)
@Retention(RUNTIME)
public @interface Money {

    String message() default "must be a non-negative amount with at most 2 fraction digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
