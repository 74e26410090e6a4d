/**
 * An embedded PostgreSQL server for code generation, the demo and tests; see
 * {@link dev.polyref.embedded.EmbeddedPostgresServer}.
 */
@NullMarked
package dev.polyref.embedded;

import org.jspecify.annotations.NullMarked;
