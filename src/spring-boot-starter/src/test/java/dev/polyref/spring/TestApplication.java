package dev.polyref.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application of the starter's {@code @PolyrefSpringBootTest} tests: auto-configuration and {@link TagService}. */
@SpringBootApplication
class TestApplication {
}
