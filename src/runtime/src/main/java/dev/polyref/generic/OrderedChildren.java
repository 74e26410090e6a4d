package dev.polyref.generic;

import java.util.List;
import java.util.function.Consumer;
import org.jooq.Result;
import org.jooq.TableRecord;

/**
 * The children of each parent kept in an explicit order, held in a column of the child table: Django's
 * {@code order_with_respect_to} on a generic key, which gives the parent {@code get_<model>_order()} and
 * {@code set_<model>_order()}. Obtained from {@link RelatedObjects#ordered(org.jooq.TableField)}.
 *
 * <pre>{@code
 * OrderedChildren<PostRecord, AttachmentRecord> files = attachments.ordered(ATTACHMENT.POSITION);
 * List<Object> order = files.fetchOrder(post);          // [3, 1, 2]: primary keys, one SELECT
 * files.setOrder(post, List.of(2L, 3L, 1L));           // one UPDATE ... FROM unnest(?) WITH ORDINALITY
 * Result<AttachmentRecord> inOrder = files.fetch(post); // ordered by position, then primary key
 * AttachmentRecord last = files.append(post, a -> a.setName("appendix.pdf"));   // position = max + 1
 * }</pre>
 *
 * <p>Positions count from 0, as Django's {@code _order}. Immutable; statements run on the context the relation was
 * bound to.
 *
 * @param <P> the parent record type
 * @param <C> the child record type
 */
public interface OrderedChildren<P extends TableRecord<P>, C extends TableRecord<C>> {

    /**
     * @param parent a stored parent
     * @return its children ordered by the order column, then by primary key; one statement
     */
    Result<C> fetch(P parent);

    /**
     * Django's {@code get_<model>_order()}.
     *
     * @param parent a stored parent
     * @return the primary keys of its children in order; one statement
     */
    List<Object> fetchOrder(P parent);

    /**
     * Django's {@code set_<model>_order(ids)}: the i-th key gets position i, with one {@code UPDATE ... FROM
     * unnest(?) WITH ORDINALITY} (one array bind). Only this parent's children are written: a key of another row
     * is left alone, as is a child not listed (both as in Django). No statement for an empty list.
     *
     * @param parent    a stored parent
     * @param childKeys primary keys of its children, in the new order, without duplicates
     * @return how many children were written
     * @throws dev.polyref.InvalidArgumentException if a key is null or repeated (nothing is written)
     */
    int setOrder(P parent, List<?> childKeys);

    /**
     * Inserts a new child after the parent's last one (position = the largest + 1, or 0), with one
     * {@code INSERT ... SELECT ... RETURNING}, as Django's {@code save()} fills {@code _order}. Two concurrent
     * appends to one parent can get the same position; {@link #setOrder} puts that right.
     *
     * @param parent a stored parent
     * @param values fills the other columns
     * @return the inserted child
     */
    C append(P parent, Consumer<? super C> values);
}
