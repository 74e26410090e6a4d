package dev.polyref.generic;

import java.util.Collection;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * A {@link GenericRelation} bound to a database: Django's related manager ({@code video.tags}) plus the query
 * parts that Django's {@code GenericRelation} contributes to querysets, for hand-written jOOQ queries.
 *
 * <pre>{@code
 * RelatedObjects<VideoRecord, TaggedItemRecord> tags =
 *         polyref.using(dsl).relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
 *
 * Result<TaggedItemRecord> ofOne = tags.fetch(video);                        // video.tags.all()
 * Children<VideoRecord, TaggedItemRecord> ofMany = tags.prefetch(videos);   // prefetch_related('tags')
 * ofMany.get(video);                                                        // no statement
 *
 * dsl.select(VIDEO.TITLE, TAGGED_ITEM.TAG).from(VIDEO)
 *    .leftJoin(TAGGED_ITEM).on(tags.joinCondition()).fetch();                 // untagged videos kept
 * dsl.select(VIDEO.TITLE, tags.count()).from(VIDEO).orderBy(tags.count().desc()).fetch();
 * dsl.select(VIDEO.TITLE, tags.multiset().as("tags")).from(VIDEO).fetch();  // nested Result<TaggedItemRecord>
 * dsl.selectFrom(TAGGED_ITEM).where(tags.parentMatches(VIDEO.TITLE.eq("cats"))).fetch();  // related_query_name
 * dsl.selectFrom(VIDEO).where(tags.hasChildren(TAGGED_ITEM.TAG.eq("funny"))).fetch();      // filter(tags__tag=)
 *
 * tags.add(video, List.of(t1, t2));     // one UPDATE
 * tags.remove(video, List.of(t1));      // one DELETE of this video's row t1
 * tags.replace(video, List.of(t2, t3)); // one transaction: DELETE the others, UPDATE t3
 * tags.clear(video);                    // one DELETE
 * tags.create(video, t -> t.setTag("cats"));   // one INSERT
 * }</pre>
 *
 * <p><b>The content-type restriction</b> ({@code child.content_type_id = <parent's type>}) is part of every
 * condition and subquery, inside the {@code ON} of {@link #joinCondition()}, so a {@code LEFT JOIN} keeps parents
 * without children and a song with the same id as a video never shows up among the video's children. The type
 * id is inlined (as Django does), so the same {@link #count()} can appear in {@code SELECT} and {@code GROUP BY}.
 *
 * <p><b>Object ids of another type than the parent's key.</b> A child matches a parent exactly when its object id
 * equals the parent's key converted to the object-id column's type by the rules of {@link GenericKey}. In
 * SQL a text object id is compared with the parent key's canonical text, {@code parent.pk::text =
 * child.object_id}; the child column is never cast. So an object id such as {@code 'abc'} or {@code '042'} under
 * a bigint or uuid parent's type matches nothing and never breaks a query with a cast error (Django #16055 and
 * behaviour 52: {@code invalid input syntax for type integer}), and {@link #fetch(TableRecord)} (which binds the
 * canonical text) agrees with the joins. The {@code (content_type_id, object_id)} index of the child table serves
 * every parent-to-child path. The two {@code EXISTS} conditions, {@link #parentMatches} and {@link #hasChildren},
 * which PostgreSQL may also run from the child side, add the equivalent {@code parent.pk = CASE WHEN
 * child.object_id ~ '<canonical spelling>' THEN child.object_id::bigint END}: a cast only of text that is a
 * canonical key, so still never an error, which lets the parent's primary-key index serve that side too.
 *
 * <p><b>Writes</b> follow Django's related manager: {@link #remove} and {@link #clear} delete rows, never set
 * them to null, and only this parent's; {@link #add} moves saved children with one {@code UPDATE};
 * {@link #replace} runs in one transaction. Arguments are checked before the first statement, so a refused call
 * writes nothing.
 *
 * <p><b>Statements.</b> The catalogue lookup of the parent's content type is cached by the registry (one query
 * when cold, none after). Every other method states its count; methods returning jOOQ query parts run none.
 *
 * <p>Obtained from {@link dev.polyref.PolyrefContext#relation(GenericRelation)}: every statement runs on the context
 * it was bound to. Immutable; the records it returns and updates are jOOQ's mutable records.
 *
 * @param <P> the parent record type
 * @param <C> the child record type
 */
public interface RelatedObjects<P extends TableRecord<P>, C extends TableRecord<C>> {

    /** @return the relation this is bound from */
    GenericRelation<P, C> relation();

    /**
     * The children of one parent, with one statement, ordered by the child table's primary key.
     *
     * @param parent a stored parent
     * @return its children, empty if none
     * @throws dev.polyref.UnsavedTargetException if the parent has no primary key yet
     */
    Result<C> fetch(P parent);

    /**
     * The children of many parents with one statement ({@code ct = X AND object_id = ANY(?)}, one array bind),
     * grouped by parent: Django's {@code prefetch_related('tags')}. No statement for no parents.
     *
     * @param parents stored parents, duplicates allowed
     * @return each parent's children, ordered by the child table's primary key
     * @throws dev.polyref.UnsavedTargetException if a parent has no primary key yet (nothing runs)
     */
    Children<P, C> prefetch(Collection<? extends P> parents);

    /**
     * The children of one parent as a condition on the child table: {@code ct = X AND object_id = ?}.
     *
     * <pre>{@code
     * dsl.selectFrom(TAGGED_ITEM).where(tags.childrenOf(video)).and(TAGGED_ITEM.TAG.like("c%")).fetch();
     * }</pre>
     *
     * @param parent a stored parent
     * @return the condition
     * @throws dev.polyref.UnsavedTargetException if the parent has no primary key yet
     */
    Condition childrenOf(P parent);

    /**
     * The join condition from the parent table to the child table, to put in an {@code ON} clause:
     * {@code child.ct = X AND child.object_id = parent.pk} (or {@code = parent.pk::text} for a text object id
     * and a non-text key). With {@code LEFT JOIN} parents without children are kept, with null child columns.
     *
     * @return the condition over the generated (unaliased) parent and child tables
     */
    Condition joinCondition();

    /**
     * {@link #joinCondition()} over aliases.
     *
     * <pre>{@code
     * Video v = VIDEO.as("v");
     * TaggedItem t = TAGGED_ITEM.as("t");
     * dsl.select(v.TITLE, t.TAG).from(v).leftJoin(t).on(tags.joinCondition(v, t)).fetch();
     * }</pre>
     *
     * @param parent the parent table or an alias of it
     * @param child  the child table or an alias of it
     * @return the condition
     */
    Condition joinCondition(Table<P> parent, Table<C> child);

    /**
     * The number of a parent's children, as a correlated scalar subquery on the generated parent table: usable
     * in {@code SELECT}, {@code WHERE}, {@code ORDER BY} and {@code GROUP BY}; 0 (never null) for a parent
     * without children. Name it with {@code .as("tag_count")}.
     *
     * <pre>{@code
     * dsl.select(VIDEO.TITLE, tags.count()).from(VIDEO).fetch();
     * dsl.select(tags.count(), DSL.count()).from(VIDEO).groupBy(tags.count()).fetch();   // histogram
     * }</pre>
     *
     * (Django's way, a {@code LEFT JOIN} on {@link #joinCondition()} with {@code GROUP BY parent.pk} and
     * {@code DSL.count(child.pk)}, works too and also gives 0.)
     *
     * @return {@code (SELECT count(*) FROM child WHERE ct = X AND object_id = parent.pk)}
     */
    Field<Integer> count();

    /**
     * {@link #count()} correlated with an alias of the parent table.
     *
     * @param parent the parent table or an alias of it, as used in the outer query
     * @return the count field
     */
    Field<Integer> count(Table<P> parent);

    /**
     * A parent's children nested as a jOOQ {@code MULTISET} (emulated with JSON by jOOQ on PostgreSQL), ordered
     * by the child table's primary key; an empty result for a parent without children. One statement loads
     * parents and children together.
     *
     * <pre>{@code
     * Result<Record2<String, Result<TaggedItemRecord>>> rows =
     *         dsl.select(VIDEO.TITLE, tags.multiset().as("tags")).from(VIDEO).fetch();
     * }</pre>
     *
     * @return the multiset field, correlated with the generated parent table
     */
    Field<Result<C>> multiset();

    /**
     * {@link #multiset()} correlated with an alias of the parent table.
     *
     * @param parent the parent table or an alias of it, as used in the outer query
     * @return the multiset field
     */
    Field<Result<C>> multiset(Table<P> parent);

    /**
     * Children whose parent matches a condition on the parent table: Django's {@code related_query_name}
     * ({@code TaggedItem.objects.filter(video__title='cats')}). Renders
     * {@code child.ct = X AND EXISTS (SELECT 1 FROM parent WHERE parent.pk = child.object_id AND condition)}
     * over the generated (unaliased) tables; for a text object id and a non-text key, the match is
     * {@code parent.pk::text = child.object_id} and its guarded equivalent (see the class comment), so either
     * table's index can drive it.
     *
     * @param condition a condition on the parent table
     * @return a condition on the child table
     */
    Condition parentMatches(Condition condition);

    /**
     * Parents with at least one child matching a condition on the child table: Django's
     * {@code Video.objects.filter(tags__tag='x')}; negate it for {@code exclude(tags__tag='x')}. Renders
     * {@code EXISTS (SELECT 1 FROM child WHERE ct = X AND <match> AND condition)} over the generated tables, with
     * the match of {@link #parentMatches}.
     *
     * @param condition a condition on the child table, {@code DSL.noCondition()} for any child
     * @return a condition on the parent table
     */
    Condition hasChildren(Condition condition);

    /**
     * Makes stored children point at the parent with one {@code UPDATE ... WHERE pk = ANY(?)} (Django's
     * {@code add(*objs)} with {@code bulk=True}), and sets both key columns of the records in memory (as
     * unchanged, so storing them does not write the key again). Children already pointing at the parent are
     * not written. No statement for no children.
     *
     * @param parent   a stored parent
     * @param children stored records of the child table
     * @return how many rows changed
     * @throws dev.polyref.UnsavedChildException if a child has no primary key yet (nothing is written)
     * @throws dev.polyref.UnsavedTargetException if the parent has no primary key yet
     * @throws dev.polyref.WrongTableException if a record is not of the child (or parent) table
     */
    int add(P parent, Collection<? extends C> children);

    /**
     * Deletes the given children of this parent with one {@code DELETE}; rows among them that point elsewhere
     * are left alone (Django's {@code remove(*objs)}: delete, never set to null). No statement for no children.
     *
     * @param parent   a stored parent
     * @param children stored records of the child table
     * @return how many rows were deleted
     * @throws dev.polyref.UnsavedChildException if a child has no primary key yet (nothing is deleted)
     * @throws dev.polyref.WrongTableException if a record is not of the child (or parent) table
     */
    int remove(P parent, Collection<? extends C> children);

    /**
     * Deletes every child of this parent with one {@code DELETE} (Django's {@code clear()}), and only this
     * parent's: not the children of a row of another table with the same id.
     *
     * @param parent a stored parent
     * @return how many rows were deleted
     */
    int clear(P parent);

    /**
     * Makes the given children the parent's only children, in one transaction (Django's {@code set(objs)}; named
     * so as not to be taken for jOOQ's in-memory {@code Record.set}): a
     * {@code DELETE} of this parent's children not among them, then an {@code UPDATE} of those not yet pointing
     * at it; two statements. If either fails, neither takes effect. Inside an outer transaction it runs in a
     * savepoint.
     *
     * @param parent   a stored parent
     * @param children stored records of the child table; empty deletes every child
     * @throws dev.polyref.UnsavedChildException if a child has no primary key yet (nothing is written)
     * @throws dev.polyref.WrongTableException if a record is not of the child (or parent) table
     */
    void replace(P parent, Collection<? extends C> children);

    /**
     * Inserts a new child of the parent with one {@code INSERT ... RETURNING} (Django's {@code create(**kw)}):
     * {@code values} fills the new record, then both key columns are set to the parent, overriding whatever
     * {@code values} put there.
     *
     * <pre>{@code
     * TaggedItemRecord tag = tags.create(video, t -> t.setTag("cats"));
     * }</pre>
     *
     * @param parent a stored parent
     * @param values fills the other columns of the new record
     * @return the inserted record, attached, with its generated key
     * @throws dev.polyref.UnsavedTargetException if the parent has no primary key yet (nothing is written)
     */
    C create(P parent, Consumer<? super C> values);

    /**
     * Starts a {@link Changeset} of this parent's children: validated additions, changes and deletions written
     * together (Django's {@code generic_inlineformset_factory}, without the HTML). Reads the children with one
     * statement; they are what the changeset's concurrency check compares against.
     *
     * <pre>{@code
     * List<ChangesetError> errors = attachments.changeset(post).unique(ATTACHMENT.NAME)
     *         .add(new AttachmentRecord().setName("notes.txt")).validate();
     * }</pre>
     *
     * @param parent a stored parent
     * @return an immutable changeset with no edits yet
     * @throws dev.polyref.UnsavedTargetException if the parent has no primary key yet
     */
    Changeset<P, C> changeset(P parent);
}
