package dev.polyref.generic;

import java.util.List;
import java.util.function.BiConsumer;
import org.jooq.Field;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Validated edits of one parent's children through one relation: Django's {@code generic_inlineformset_factory}
 * without the HTML. A changeset carries additions, changes and deletions of the children of one parent;
 * {@link #validate()} returns what is wrong with them, by row and field, without writing anything;
 * {@link #apply()} validates again and writes everything, or nothing, with at most five statements however many
 * rows change.
 *
 * <pre>{@code
 * RelatedObjects<PostRecord, AttachmentRecord> attachments =
 *         polyref.using(tx.dsl()).relation(GenericRelations.POST__ATTACHMENT_OWNER);
 * Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(post)   // one SELECT: the children as read
 *         .maxChildren(10)
 *         .unique(ATTACHMENT.NAME)
 *         .validator((row, reject) -> {
 *             if (row.getName().isBlank()) reject.accept(ATTACHMENT.NAME, "must not be blank");
 *         });
 * AttachmentRecord first = edit.children().get(0);         // a copy: edit it, then hand it back
 * first.setCaption("the cover");
 * edit = edit.change(first)                                // writes only the columns marked changed
 *            .delete(edit.children().get(1))
 *            .add(new AttachmentRecord().setName("notes.txt"));
 *
 * List<ChangesetError> errors = edit.validate();           // one SELECT, nothing written
 * if (errors.isEmpty()) {
 *     List<AttachmentRecord> added = edit.apply();         // lock, SELECT ... FOR UPDATE, DELETE, UPDATE, INSERT
 * }
 * }</pre>
 *
 * <p><b>Immutable.</b> Every method that configures or edits returns a new changeset; the records passed in are
 * read at once (the columns marked {@link org.jooq.Record#changed(Field) changed}) and never kept, and
 * {@link #children()} returns fresh copies. A changeset can be validated and applied on any thread, but it runs
 * its statements on the {@code DSLContext} its {@link RelatedObjects} was bound to.
 *
 * <p><b>What is checked</b>, each row against the state of the database when {@code validate} or {@code apply}
 * runs:
 * <ul>
 *   <li>column constraints from jOOQ's metadata: a {@code NOT NULL} column without a default is set
 *       ({@link ChangesetError.Code#REQUIRED}); text fits its {@code varchar(n)} ({@code TOO_LONG});</li>
 *   <li>the caller's {@link Validator}, on each added row and on each changed row as it would be stored;</li>
 *   <li>{@link #minChildren}/{@link #maxChildren} on the number of children that would remain (Django's
 *       {@code validate_min}, {@code validate_max});</li>
 *   <li>{@link #unique}: no two resulting siblings with equal values in the given columns;</li>
 *   <li>optimistic concurrency: a changed or deleted row must still be this parent's child, with the version read
 *       (the table's {@link org.jooq.Table#getRecordVersion() record version} column, else a numeric column named
 *       {@code version}, which {@code apply} increments) or, without a version column, with every value read.</li>
 * </ul>
 *
 * <p><b>Applying</b> runs in a transaction on the bound context (a savepoint inside the caller's transaction):
 * a transaction-scoped advisory lock on this parent's children (so two changesets of one parent run one after
 * the other and {@code maxChildren} and {@code unique} hold), {@code SELECT ... FOR UPDATE} of the children,
 * the validation, then one {@code DELETE ... WHERE pk = ANY(?)}, one {@code UPDATE ... FROM (VALUES ...)} and one
 * multi-row {@code INSERT ... RETURNING}, each only if needed. On an error nothing is written:
 * {@link dev.polyref.ConcurrentChangeException} when a row changed since it was read, otherwise
 * {@link dev.polyref.ChangesetRejectedException}; both carry the errors. Database errors (a constraint that the
 * metadata does not describe) pass through as jOOQ's {@code DataAccessException}, also with nothing written.
 *
 * <p><b>Key columns</b> (the generic key's content type and object id) belong to the changeset, as Django's
 * formset always excludes {@code ct_field} and {@code fk_field}: added rows get the parent's, and values the
 * caller set there are ignored. The primary key names the row to change or delete.
 *
 * @param <P> the parent record type
 * @param <C> the child record type
 */
public interface Changeset<P extends TableRecord<P>, C extends TableRecord<C>> {

    /** @return the relation whose children this changeset edits */
    GenericRelation<P, C> relation();

    /** @return the parent whose children this changeset edits (the record given, not a copy) */
    P parent();

    /**
     * The children as they were read when this changeset was made, ordered by primary key: fresh, detached-safe
     * copies with nothing marked changed, so editing one and passing it to {@link #change} writes just the edited
     * columns.
     *
     * @return copies of the children read; never null
     */
    List<C> children();

    /**
     * A new child. Its columns marked {@link org.jooq.Record#changed(Field) changed} are inserted, the others get
     * their defaults; the key columns get the parent's.
     *
     * @param child a new record of the child table (not stored)
     * @return a changeset that also adds it
     */
    Changeset<P, C> add(C child);

    /**
     * A change of a child read: its primary key names the row, its columns marked changed are written (the
     * key columns are not). A second change or a deletion of the same row replaces this one. If the record
     * holds a value in the version column, that is the version the editor saw (a web form posts it back), and
     * it is compared instead of the version read by this changeset.
     *
     * @param child a record of the child table with its primary key and the edited columns
     * @return a changeset that also changes it
     */
    Changeset<P, C> change(C child);

    /**
     * A deletion of a child read, named by its primary key; a version in the record is compared as in
     * {@link #change}.
     *
     * @param child a record of the child table with its primary key
     * @return a changeset that also deletes it
     */
    Changeset<P, C> delete(C child);

    /**
     * @param min the fewest children the parent may have afterwards (Django's {@code min_num} with
     *            {@code validate_min})
     * @return a changeset with that rule
     */
    Changeset<P, C> minChildren(int min);

    /**
     * @param max the most children the parent may have afterwards (Django's {@code max_num} with
     *            {@code validate_max})
     * @return a changeset with that rule
     */
    Changeset<P, C> maxChildren(int max);

    /**
     * No two of the parent's children afterwards may have equal values in all these columns (rows with a null
     * among them are not compared, as in SQL). Call again for another set of columns.
     *
     * @param fields columns of the child table
     * @return a changeset with that rule
     */
    Changeset<P, C> unique(Field<?>... fields);

    /**
     * @param validator checks each added row and each changed row as it would be stored; replaces a validator
     *                  set before
     * @return a changeset with that validator
     */
    Changeset<P, C> validator(Validator<? super C> validator);

    /**
     * Everything wrong with this changeset against the database now, by row and field. Writes nothing. One
     * {@code SELECT} of the parent's current children.
     *
     * @return the errors; empty if {@link #apply()} would write
     */
    List<ChangesetError> validate();

    /**
     * Validates and writes, in a transaction, with at most five statements: advisory lock, {@code SELECT ... FOR
     * UPDATE}, {@code DELETE}, {@code UPDATE}, {@code INSERT}.
     *
     * @return the added rows as inserted (with generated keys and defaults), in the order they were added
     * @throws dev.polyref.ConcurrentChangeException if a changed or deleted row changed since it was read
     * @throws dev.polyref.ChangesetRejectedException if any other error is found; nothing is written
     */
    List<C> apply();

    /**
     * The caller's check of one row, Django's form {@code clean()}: call {@code reject} once per problem.
     *
     * <pre>{@code
     * (row, reject) -> {
     *     if (row.getName().endsWith(".exe")) reject.accept(ATTACHMENT.NAME, "executables are not allowed");
     *     if (row.getCaption() == null && row.getPosition() == 0) reject.accept(null, "the cover needs a caption");
     * }
     * }</pre>
     *
     * @param <C> the child record type
     */
    @FunctionalInterface
    interface Validator<C> {

        /**
         * @param row    an added row, or a changed row with the edits applied to the values read
         * @param reject takes a column of the child table (or null for the whole row) and a message
         */
        void validate(C row, BiConsumer<@Nullable Field<?>, String> reject);
    }
}
