/**
 * Spring Boot tests on the test kit's migrated database: {@link dev.polyref.spring.test.PolyrefSpringBootTest}.
 * Needs the optional dependencies {@code polyref-test} and {@code spring-boot-starter-test}.
 */
@NullMarked
package dev.polyref.spring.test;

import org.jspecify.annotations.NullMarked;
