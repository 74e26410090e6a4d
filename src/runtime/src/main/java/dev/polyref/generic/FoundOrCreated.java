package dev.polyref.generic;

import org.jooq.TableRecord;

/**
 * What {@link RelatedObjects#getOrCreate} and {@link RelatedObjects#updateOrCreate} return: the child and whether
 * it was created, Django's {@code (obj, created)} tuple.
 *
 * <pre>{@code
 * FoundOrCreated<AttachmentRecord> r = attachments.getOrCreate(post, a -> a.setName("notes.txt"), a -> a.setCaption("new"));
 * if (r.created()) log.info("created {}", r.record().getId());
 * }</pre>
 *
 * @param record  the child as stored, attached
 * @param created whether this call inserted it
 * @param <C>     the child record type
 */
public record FoundOrCreated<C extends TableRecord<C>>(C record, boolean created) {}
