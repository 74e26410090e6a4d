package dev.polyref.example.web;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The web application's own tables (db/web/V100__web_admin.sql), typed by hand: three small tables do not need a
 * second code generation run next to the example schema's.
 */
final class WebTables {

    static final Table<Record> PERMISSION = table(name("web", "permission"));
    static final Field<Long> PERMISSION_ID = field(name("web", "permission", "id"), SQLDataType.BIGINT);
    static final Field<Integer> PERMISSION_CONTENT_TYPE_ID =
            field(name("web", "permission", "content_type_id"), SQLDataType.INTEGER);
    static final Field<String> PERMISSION_CODENAME = field(name("web", "permission", "codename"), SQLDataType.CLOB);

    static final Table<Record> USER_PERMISSION = table(name("web", "user_permission"));
    static final Field<Long> USER_PERMISSION_USER_ID =
            field(name("web", "user_permission", "user_id"), SQLDataType.BIGINT);
    static final Field<Long> USER_PERMISSION_PERMISSION_ID =
            field(name("web", "user_permission", "permission_id"), SQLDataType.BIGINT);

    static final Table<Record> LOG_ENTRY = table(name("web", "log_entry"));
    static final Field<Long> LOG_ID = field(name("web", "log_entry", "id"), SQLDataType.BIGINT);
    static final Field<OffsetDateTime> LOG_ACTION_TIME =
            field(name("web", "log_entry", "action_time"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<Long> LOG_USER_ID = field(name("web", "log_entry", "user_id"), SQLDataType.BIGINT);
    static final Field<Integer> LOG_CONTENT_TYPE_ID =
            field(name("web", "log_entry", "content_type_id"), SQLDataType.INTEGER);
    static final Field<String> LOG_OBJECT_ID = field(name("web", "log_entry", "object_id"), SQLDataType.CLOB);
    static final Field<String> LOG_OBJECT_REPR = field(name("web", "log_entry", "object_repr"), SQLDataType.CLOB);
    static final Field<Short> LOG_ACTION_FLAG = field(name("web", "log_entry", "action_flag"), SQLDataType.SMALLINT);
    static final Field<String> LOG_CHANGE_MESSAGE =
            field(name("web", "log_entry", "change_message"), SQLDataType.CLOB);

    private WebTables() {}
}
