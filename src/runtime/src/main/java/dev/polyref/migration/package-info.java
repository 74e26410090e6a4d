/**
 * Flyway integration: Polyref's own schema migrations and the callback that syncs the catalogue after an
 * application's migrations ({@link dev.polyref.migration.PolyrefMigrations}).
 */
@NullMarked
package dev.polyref.migration;

import org.jspecify.annotations.NullMarked;
