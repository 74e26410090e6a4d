/**
 * Generic foreign keys at run time: the generated descriptors ({@link dev.polyref.generic.GenericKey}),
 * references to any row ({@link dev.polyref.generic.GenericRef}), the batched
 * {@link dev.polyref.generic.GenericResolver} with its immutable {@link dev.polyref.generic.Prefetched} result and
 * per-type {@link dev.polyref.generic.GenericPrefetch} customisation, jOOQ conditions on generic keys
 * ({@link dev.polyref.generic.GenericConditions}), and the reverse side: generated
 * {@link dev.polyref.generic.GenericRelation}s bound as {@link dev.polyref.generic.RelatedObjects} (children,
 * joins, {@code COUNT}, {@code MULTISET}, Django's related-manager writes).
 */
@NullMarked
package dev.polyref.generic;

import org.jspecify.annotations.NullMarked;
