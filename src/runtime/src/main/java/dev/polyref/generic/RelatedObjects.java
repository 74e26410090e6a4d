package dev.polyref.generic;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableField;
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
     * {@link #prefetch(Collection)} with a condition on the children and an order: Django's
     * {@code Prefetch('tags', queryset=TaggedItem.objects.filter(...).order_by(...))}, still one statement for
     * any number of parents. Parents whose children all fail the condition get an empty list.
     *
     * <pre>{@code
     * Children<VideoRecord, TaggedItemRecord> funny =
     *         tags.prefetch(videos, TAGGED_ITEM.TAG.like("fun%"), TAGGED_ITEM.TAG.desc());
     * }</pre>
     *
     * @param parents   stored parents, duplicates allowed
     * @param condition a condition on the child table ({@code DSL.noCondition()} for all)
     * @param orderBy   the children's order; none for the child table's primary key
     * @return each parent's matching children, in that order
     */
    Children<P, C> prefetch(Collection<? extends P> parents, Condition condition, OrderField<?>... orderBy);

    /**
     * The children of parents of several types through one generic key, with one statement:
     * {@code WHERE (ct = A AND object_id = ANY(?)) OR (ct = B AND object_id = ANY(?))}, as Django's
     * {@code prefetch_related('content_object__tags')} does over mixed content types. Runs on the first relation's
     * context; no statement for no parents.
     *
     * <pre>{@code
     * Prefetched targets = p.resolver().prefetch(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, tags);  // 1 per type
     * ChildrenOfAny<TaggedItemRecord> theirTags = RelatedObjects.prefetchAll(targets.records(),
     *         List.of(p.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT), p.relation(SONG__TAGGED_ITEM_CONTENT_OBJECT)));
     * }</pre>
     *
     * @param parents   stored parents, each of one of the relations' parent tables
     * @param relations bound relations through one generic key, one per parent table
     * @param <C>       the child record type
     * @return each parent's children, ordered by the child table's primary key
     * @throws dev.polyref.InvalidArgumentException if a parent has no relation, or the relations go through
     *         different keys (nothing runs)
     */
    static <C extends TableRecord<C>> ChildrenOfAny<C> prefetchAll(Collection<? extends TableRecord<?>> parents,
            List<? extends RelatedObjects<?, C>> relations) {
        return ReverseLoading.prefetchAll(parents, relations, org.jooq.impl.DSL.noCondition(), List.of());
    }

    /**
     * {@link #prefetchAll(Collection, List)} with a condition on the children and an order, still one statement.
     *
     * @param parents   stored parents, each of one of the relations' parent tables
     * @param relations bound relations through one generic key, one per parent table
     * @param condition a condition on the child table
     * @param orderBy   the children's order; empty for the child table's primary key
     * @param <C>       the child record type
     * @return each parent's matching children
     */
    static <C extends TableRecord<C>> ChildrenOfAny<C> prefetchAll(Collection<? extends TableRecord<?>> parents,
            List<? extends RelatedObjects<?, C>> relations, Condition condition,
            List<? extends OrderField<?>> orderBy) {
        return ReverseLoading.prefetchAll(parents, relations, condition, orderBy);
    }

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

    /**
     * The parent's child matching a lookup, or a new one (Django's {@code get_or_create}): race-safe, so callers
     * on several connections at once create one row. {@code lookup} and {@code defaults} fill a fresh record; the
     * columns each marks changed are the lookup's (compared with {@code =}, {@code IS NULL} for null) and the
     * new row's other values. The generic key's columns are the relation's and may not be set.
     *
     * <pre>{@code
     * FoundOrCreated<AttachmentRecord> r =
     *         attachments.getOrCreate(post, a -> a.setName("notes.txt"), a -> a.setCaption("created"));
     * }</pre>
     *
     * <p>Statements: 1 {@code SELECT} when the child exists. Otherwise, when the child table has a unique key of
     * exactly the key columns and the lookup's columns, an {@code INSERT ... ON CONFLICT DO NOTHING RETURNING}
     * (2 in all), and a {@code SELECT} of the row a concurrent caller inserted if it won (3). Without such a key,
     * in a transaction (a savepoint inside the caller's): a transaction-scoped advisory lock on (relation, parent,
     * lookup), the {@code SELECT} again, and the {@code INSERT} (4).
     *
     * @param parent   a stored parent
     * @param lookup   sets the columns that identify the child
     * @param defaults sets further columns of a new child
     * @return the child and whether it was created
     * @throws org.jooq.exception.TooManyRowsException if several children match (Django's
     *         {@code MultipleObjectsReturned})
     * @throws dev.polyref.InvalidArgumentException if {@code lookup} or {@code defaults} set a key column
     */
    FoundOrCreated<C> getOrCreate(P parent, Consumer<? super C> lookup, Consumer<? super C> defaults);

    /**
     * Updates the parent's child matching a lookup, or creates it (Django's {@code update_or_create}), race-safe.
     * {@code values} sets the columns to write, on the found row or on the new one (with the lookup's).
     *
     * <pre>{@code
     * attachments.updateOrCreate(post, a -> a.setName("notes.txt"), a -> a.setCaption("v2"));
     * }</pre>
     *
     * <p>Statements: with a unique key of exactly the key columns and the lookup's columns, 1 (an
     * {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}); otherwise 3 in a transaction (advisory lock,
     * {@code SELECT ... FOR UPDATE}, then {@code UPDATE} or {@code INSERT}).
     *
     * @param parent a stored parent
     * @param lookup sets the columns that identify the child
     * @param values sets the columns to write
     * @return the child as stored and whether it was created
     * @throws org.jooq.exception.TooManyRowsException if several children match
     */
    FoundOrCreated<C> updateOrCreate(P parent, Consumer<? super C> lookup, Consumer<? super C> values);

    /**
     * The parent's children in an explicit order held in {@code position}, a column of the child table: Django's
     * {@code order_with_respect_to} on a generic key ({@code get_<model>_order}, {@code set_<model>_order}).
     *
     * <pre>{@code
     * attachments.ordered(ATTACHMENT.POSITION).setOrder(post, List.of(3L, 1L, 2L));   // one UPDATE
     * }</pre>
     *
     * @param position the order column, a numeric column of the child table
     * @return the ordered view; runs no statement
     * @throws dev.polyref.InvalidArgumentException if the column is not the child table's
     */
    OrderedChildren<P, C> ordered(TableField<C, ? extends Number> position);
}
