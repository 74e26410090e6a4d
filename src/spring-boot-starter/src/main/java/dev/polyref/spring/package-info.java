/**
 * Polyref's Spring Boot auto-configuration: {@link dev.polyref.spring.PolyrefAutoConfiguration} and its
 * {@code polyref.*} properties. See docs/spring-boot.md.
 */
@NullMarked
package dev.polyref.spring;

import org.jspecify.annotations.NullMarked;
