package dev.polyref.codegen;

import java.util.Map;

/**
 * Keeps code generation's output to what a user acts on: no initdb and pg_ctl transcript or start-up lines from the
 * embedded PostgreSQL, no Flyway progress lines or result tables, no catalogue sync lines. Warnings and errors still
 * show; jOOQ's own progress lines follow the user's {@code <logging>}.
 *
 * <p>Why system properties: zonky, Flyway and Polyref's catalogue sync log through static SLF4J loggers, whose level
 * Maven's logger (and slf4j-simple) reads from {@code org.slf4j.simpleLogger.log.<name>} when the logger is created.
 * So they are set before those classes initialise, which the static initialisers of {@link PolyrefGenerator} and
 * {@link MigratedPostgresDatabase} guarantee. A property the user has set is left as it is.
 *
 * <p>Not jOOQ's banner and "tip of the day": GenerationTool prints them first thing, before it loads any generator
 * or database class, so only {@code -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true} on Maven's JVM turns them off
 * ({@code .mvn/jvm.config}, as this repository does).
 */
final class QuietLogging {

    private static final String SIMPLE_LOGGER = "org.slf4j.simpleLogger.log.";

    /** Property and the value it gets unless already set. */
    private static final Map<String, String> PROPERTIES = Map.of(
            // initdb/pg_ctl output and "postmaster started", "initdb completed in" lines
            SIMPLE_LOGGER + "io.zonky.test.db.postgres", "warn",
            // "Flyway OSS Edition by Redgate", "Successfully applied 3 migrations", ...
            SIMPLE_LOGGER + "org.flywaydb", "warn",
            // "Adding content type 'x'" per table
            SIMPLE_LOGGER + "dev.polyref.migration", "warn");

    private QuietLogging() {
    }

    /** Sets the properties the user has not set; idempotent and cheap. */
    static void install() {
        PROPERTIES.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
