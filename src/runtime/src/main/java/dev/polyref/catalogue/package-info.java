/**
 * The content-type catalogue: {@link dev.polyref.catalogue.ContentType} rows, their Java side
 * {@link dev.polyref.catalogue.Model}, and the cached {@link dev.polyref.catalogue.ContentTypeRegistry}
 * (Django's {@code ContentTypeManager}).
 */
@NullMarked
package dev.polyref.catalogue;

import org.jspecify.annotations.NullMarked;
