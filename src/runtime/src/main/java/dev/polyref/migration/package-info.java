/**
 * Flyway integration: Polyref's own schema migrations ({@link dev.polyref.migration.PolyrefMigrations}) and
 * the callback that syncs the catalogue after an application's migrations
 * ({@link dev.polyref.migration.PolyrefFlyway}).
 */
@NullMarked
package dev.polyref.migration;

import org.jspecify.annotations.NullMarked;
