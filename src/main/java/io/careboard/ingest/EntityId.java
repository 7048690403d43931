package io.careboard.ingest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An entity id of the platform (contract §2): 1..64 characters of {@code [A-Za-z0-9_.:-]}; null passes. */
@Documented
@Pattern(regexp = EntityId.REGEX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER })
@Retention(RUNTIME)
public @interface EntityId {

    String REGEX = "[A-Za-z0-9_.:-]{1,64}";
    String MESSAGE = "must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
