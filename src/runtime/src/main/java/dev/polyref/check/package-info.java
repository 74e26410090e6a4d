/**
 * Checks of a database, Django's system checks: each {@link dev.polyref.check.Check} is independent and reports
 * {@link dev.polyref.check.Problem}s; {@link dev.polyref.check.Checks#defaults()} lists the built-in ones.
 */
@NullMarked
package dev.polyref.check;

import org.jspecify.annotations.NullMarked;
