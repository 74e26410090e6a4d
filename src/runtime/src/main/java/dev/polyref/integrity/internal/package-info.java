/** Polyref's own helpers shared between its packages; not API. */
@NullMarked
package dev.polyref.integrity.internal;

import org.jspecify.annotations.NullMarked;
