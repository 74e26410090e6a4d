/**
 * Polyref: Django's contenttypes framework for jOOQ and PostgreSQL.
 *
 * <p>This package holds the exception hierarchy shared by every feature: {@link dev.polyref.PolyrefException}
 * and its subtypes. The features live in sub-packages: {@code catalogue} (content types and their registry),
 * {@code migration} (Flyway integration), {@code integrity} (generic keys enforced by PostgreSQL),
 * {@code codegen} (the jOOQ generator extension) and {@code embedded} (an embedded PostgreSQL for code
 * generation, the demo and tests).
 */
@NullMarked
package dev.polyref;

import org.jspecify.annotations.NullMarked;
