/**
 * Code generation: the jOOQ generator extension {@link dev.polyref.codegen.PolyrefGenerator} and the
 * {@link dev.polyref.codegen.MigratedPostgresDatabase}, which builds the schema from Flyway migrations in an
 * embedded PostgreSQL so code can be generated with no running database.
 */
@NullMarked
package dev.polyref.codegen;

import org.jspecify.annotations.NullMarked;
