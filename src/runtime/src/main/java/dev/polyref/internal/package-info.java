/** Not API: what Polyref's own packages, generated code and the CLI share. May change in any release. */
@NullMarked
package dev.polyref.internal;

import org.jspecify.annotations.NullMarked;
