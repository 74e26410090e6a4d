package dev.polyref.generic;

import java.util.List;
import org.jooq.TableRecord;

/**
 * The children of parents of several types through one generic key, loaded by
 * {@link RelatedObjects#prefetchAll(java.util.Collection, java.util.List)} with one statement: the second half of
 * Django's {@code prefetch_related('content_object', 'content_object__tags')}.
 *
 * <pre>{@code
 * ChildrenOfAny<TaggedItemRecord> tags = RelatedObjects.prefetchAll(targets, List.of(videoTags, songTags));
 * tags.get(video);   // the video's tags; no statement
 * tags.get(song);    // the song's; a song with the video's id has its own
 * }</pre>
 *
 * <p>Immutable and thread-safe (the records it returns are jOOQ's mutable records).
 *
 * @param <C> the child record type
 */
public interface ChildrenOfAny<C extends TableRecord<C>> {

    /**
     * @param parent a parent of one of the relations' parent tables, looked up by type and primary key
     * @return its children, in the order loaded; empty if it has none
     * @throws dev.polyref.InvalidArgumentException if the parent was not among the parents loaded
     */
    List<C> get(TableRecord<?> parent);

    /** @return how many children were loaded, over all parents */
    int size();
}
