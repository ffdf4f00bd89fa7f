package org.peerpath.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that takes a {@link VirtualTimeKit}: a fresh virtual-time system of the runtime's default
 * settings, run oldest task first, closed after the test. Same as {@code @Test} with
 * {@code @ExtendWith(VirtualTimeExtension.class)}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(VirtualTimeExtension.class)
public @interface VirtualTimeTest {}
