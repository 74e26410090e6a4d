/**
 * Integrity of generic keys, enforced by PostgreSQL (optional, per key): a key may only point at an existing
 * row of one of its target tables, and deleting a target applies the key's {@link dev.polyref.integrity.OnDelete}
 * action for any {@code DELETE}. Entry point: {@link dev.polyref.integrity.GenericKeyIntegrity}; errors become
 * Polyref exceptions through {@link dev.polyref.integrity.PolyrefExceptionTranslator}.
 *
 * <p>The work is done in SQL ({@code migrations/polyref/R__04_registry.sql} and {@code R__05_enforcement.sql}): an object registry kept in step by
 * triggers on the target tables, and a real composite foreign key from each enforced key to it; see
 * {@code docs/integrity.md} for the design and its measurements.
 */
@NullMarked
package dev.polyref.integrity;

import org.jspecify.annotations.NullMarked;
