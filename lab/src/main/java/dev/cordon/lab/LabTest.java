package dev.cordon.lab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a multi-host test: tagged "lab" (run by {@code -Plab} / {@code make test}, excluded from
 * plain unit runs), failing when root or a binary is missing, and able to take a {@link Lab}
 * parameter that is closed after the test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("lab")
@ExtendWith(LabExtension.class)
public @interface LabTest {}
