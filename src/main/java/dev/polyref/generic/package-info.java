/**
 * Generic foreign keys at run time: the generated descriptors ({@link dev.polyref.generic.GenericForeignKey}),
 * references to any row ({@link dev.polyref.generic.GenericRef}), the batched
 * {@link dev.polyref.generic.GenericResolver} with its immutable {@link dev.polyref.generic.Prefetched} result and
 * per-type {@link dev.polyref.generic.GenericPrefetch} customisation, and jOOQ conditions on generic keys
 * ({@link dev.polyref.generic.GenericConditions}).
 */
@NullMarked
package dev.polyref.generic;

import org.jspecify.annotations.NullMarked;
