/**
 * The checks' implementation that the CLI and tests reach into (which columns form generic keys, the index
 * check); not API: use {@link dev.polyref.check.Checks}.
 */
@NullMarked
package dev.polyref.check.internal;

import org.jspecify.annotations.NullMarked;
