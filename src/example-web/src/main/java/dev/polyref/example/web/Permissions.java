package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.web.WebTables.PERMISSION;
import static dev.polyref.example.web.WebTables.PERMISSION_CODENAME;
import static dev.polyref.example.web.WebTables.PERMISSION_CONTENT_TYPE_ID;
import static dev.polyref.example.web.WebTables.PERMISSION_ID;
import static dev.polyref.example.web.WebTables.USER_PERMISSION;
import static dev.polyref.example.web.WebTables.USER_PERMISSION_PERMISSION_ID;
import static dev.polyref.example.web.WebTables.USER_PERMISSION_USER_ID;

import dev.polyref.catalogue.ContentType;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Django's {@code Permission(content_type, codename)}: view, add, change and delete for every content type,
 * created at start-up (Django's {@code create_permissions} after migrate) and granted to users.
 */
@Component
class Permissions implements ApplicationRunner {

    static final List<String> CODENAMES = List.of("view", "add", "change", "delete");

    private final DSLContext dsl;

    Permissions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(dsl);
    }

    /** Creates the four permissions of every content type that lacks them; idempotent, one statement. */
    static void ensure(DSLContext dsl) {
        dsl.execute("insert into web.permission (content_type_id, codename) "
                + "select ct.id, c.codename from polyref.content_type ct "
                + "cross join (values ('view'), ('add'), ('change'), ('delete')) as c (codename) "
                + "on conflict (content_type_id, codename) do nothing");
    }

    /** Grants {@code codenames} on {@code type} to the user called {@code username}. */
    static void grant(DSLContext dsl, String username, ContentType type, String... codenames) {
        for (String codename : codenames) {
            dsl.insertInto(USER_PERMISSION, USER_PERMISSION_USER_ID, USER_PERMISSION_PERMISSION_ID)
                    .select(dsl.select(USERS.ID, PERMISSION_ID).from(USERS, PERMISSION)
                            .where(USERS.USERNAME.eq(username))
                            .and(PERMISSION_CONTENT_TYPE_ID.eq(type.id()))
                            .and(PERMISSION_CODENAME.eq(codename)))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /** Refuses the request (403) unless the user holds {@code codename} on {@code type}: enforced on the server. */
    static void require(CurrentUser user, ContentType type, String codename) {
        if (!user.has(type, codename)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, user.username() + " may not " + codename + " "
                    + type.appLabel() + "." + type.model() + " objects (permission " + codename + "_" + type.model()
                    + " not granted)");
        }
    }
}
