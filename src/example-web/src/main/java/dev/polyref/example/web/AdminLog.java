package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.web.WebTables.LOG_ACTION_FLAG;
import static dev.polyref.example.web.WebTables.LOG_ACTION_TIME;
import static dev.polyref.example.web.WebTables.LOG_CHANGE_MESSAGE;
import static dev.polyref.example.web.WebTables.LOG_CONTENT_TYPE_ID;
import static dev.polyref.example.web.WebTables.LOG_ENTRY;
import static dev.polyref.example.web.WebTables.LOG_ID;
import static dev.polyref.example.web.WebTables.LOG_OBJECT_ID;
import static dev.polyref.example.web.WebTables.LOG_OBJECT_REPR;
import static dev.polyref.example.web.WebTables.LOG_USER_ID;

import dev.polyref.catalogue.ContentType;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Django's {@code LogEntry}: every change made through the pages, with its content type, object id, the object's
 * text form, the action and a change message. Written in the change's own transaction, so a change that rolls back
 * leaves no entry.
 */
@Component
class AdminLog {

    /** Django's action flags. */
    enum Action {
        ADDITION(1), CHANGE(2), DELETION(3);

        final short flag;

        Action(int flag) {
            this.flag = (short) flag;
        }

        static Action of(short flag) {
            return values()[flag - 1];
        }
    }

    /**
     * One entry as listed.
     *
     * @param contentType the object's content type (app_label.model), or "" once that type is gone
     */
    record Entry(OffsetDateTime time, String username, String contentType, @Nullable Integer contentTypeId,
            @Nullable String objectId, String objectRepr, Action action, String changeMessage) {}

    private final DSLContext dsl;

    AdminLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    void log(CurrentUser user, ContentType type, String objectId, String objectRepr, Action action, String message) {
        dsl.insertInto(LOG_ENTRY)
                .set(LOG_USER_ID, user.id())
                .set(LOG_CONTENT_TYPE_ID, type.id())
                .set(LOG_OBJECT_ID, objectId)
                .set(LOG_OBJECT_REPR, objectRepr)
                .set(LOG_ACTION_FLAG, action.flag)
                .set(LOG_CHANGE_MESSAGE, message)
                .execute();
    }

    /** @return the newest entries of every object */
    List<Entry> recent(int limit) {
        return fetch(DSL.noCondition(), limit);
    }

    /** @return the object's history, newest first */
    List<Entry> of(ContentType type, String objectId) {
        return fetch(LOG_CONTENT_TYPE_ID.eq(type.id()).and(LOG_OBJECT_ID.eq(objectId)), 1000);
    }

    private List<Entry> fetch(Condition condition, int limit) {
        var ct = DSL.table(DSL.name("polyref", "content_type")).as("ct");
        var ctId = DSL.field(DSL.name("ct", "id"), Integer.class);
        var label = DSL.concat(DSL.field(DSL.name("ct", "app_label"), String.class), DSL.inline("."),
                DSL.field(DSL.name("ct", "model"), String.class));
        return dsl.select(LOG_ACTION_TIME, USERS.USERNAME, label, LOG_CONTENT_TYPE_ID, LOG_OBJECT_ID,
                        LOG_OBJECT_REPR, LOG_ACTION_FLAG, LOG_CHANGE_MESSAGE)
                .from(LOG_ENTRY)
                .leftJoin(USERS).on(USERS.ID.eq(LOG_USER_ID))
                .leftJoin(ct).on(ctId.eq(LOG_CONTENT_TYPE_ID))
                .where(condition)
                .orderBy(LOG_ID.desc())
                .limit(limit)
                .fetch(r -> new Entry(r.value1(), r.value2() == null ? "" : r.value2(),
                        r.value3() == null ? "" : r.value3(), r.value4(), r.value5(), r.value6(),
                        Action.of(r.value7()), r.value8()));
    }
}
