package dev.polyref.generic;

import java.util.List;
import org.jooq.TableRecord;

/**
 * The children of many parents loaded by {@link RelatedObjects#prefetch(java.util.Collection)} with one statement,
 * looked up by parent with no further statement.
 *
 * <pre>{@code
 * Children<VideoRecord, TaggedItemRecord> tags = videoTags.prefetch(videos);
 * for (VideoRecord video : videos) {
 *     render(video, tags.get(video));   // empty list for an untagged video
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe (the records it returns are jOOQ's mutable records).
 *
 * @param <P> the parent record type
 * @param <C> the child record type
 */
public interface Children<P extends TableRecord<P>, C extends TableRecord<C>> {

    /**
     * @param parent a parent, looked up by its primary key
     * @return its children ordered by the child table's primary key; empty if it has none
     * @throws dev.polyref.InvalidArgumentException if the parent was not among the parents loaded
     * @throws dev.polyref.UnsavedTargetException if the parent has no primary key
     */
    List<C> get(P parent);

    /** @return how many children were loaded, over all parents */
    int size();
}
