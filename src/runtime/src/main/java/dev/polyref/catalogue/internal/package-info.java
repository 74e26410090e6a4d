/**
 * The catalogue's SQL and what only the CLI, the checks and tests use (row counts, stale content types and the
 * rows depending on them, content-type columns); not API: use {@link dev.polyref.PolyrefContext#contentTypes()}.
 */
@NullMarked
package dev.polyref.catalogue.internal;

import org.jspecify.annotations.NullMarked;
