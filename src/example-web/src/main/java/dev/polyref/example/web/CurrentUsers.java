package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.web.WebTables.PERMISSION;
import static dev.polyref.example.web.WebTables.PERMISSION_CODENAME;
import static dev.polyref.example.web.WebTables.PERMISSION_CONTENT_TYPE_ID;
import static dev.polyref.example.web.WebTables.PERMISSION_ID;
import static dev.polyref.example.web.WebTables.USER_PERMISSION;
import static dev.polyref.example.web.WebTables.USER_PERMISSION_PERMISSION_ID;
import static dev.polyref.example.web.WebTables.USER_PERMISSION_USER_ID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Result;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who is signed in: the demo's sign-in is a cookie holding a user name (no passwords: this application shows
 * content-type permissions, not authentication). Loads the user and their permissions in one statement per request.
 */
@Component
class CurrentUsers implements HandlerInterceptor {

    static final String COOKIE = "polyref-user";
    private static final String ATTRIBUTE = CurrentUser.class.getName();

    private final DSLContext dsl;

    CurrentUsers(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String name = cookie(request);
        if (name != null) {
            load(name).ifPresent(user -> request.setAttribute(ATTRIBUTE, user));
        }
        return true;
    }

    /** @return the signed-in user, or 403 when nobody is */
    static CurrentUser require(HttpServletRequest request) {
        return find(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "Sign in first (/login)"));
    }

    static Optional<CurrentUser> find(HttpServletRequest request) {
        return Optional.ofNullable((CurrentUser) request.getAttribute(ATTRIBUTE));
    }

    /** One statement: the user and each of their permissions (a row with null permission when they have none). */
    Optional<CurrentUser> load(String username) {
        Result<Record3<Long, Integer, String>> rows = dsl
                .select(USERS.ID, PERMISSION_CONTENT_TYPE_ID, PERMISSION_CODENAME)
                .from(USERS)
                .leftJoin(USER_PERMISSION).on(USER_PERMISSION_USER_ID.eq(USERS.ID))
                .leftJoin(PERMISSION).on(PERMISSION_ID.eq(USER_PERMISSION_PERMISSION_ID))
                .where(USERS.USERNAME.eq(username))
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<String> permissions = new HashSet<>();
        for (Record3<Long, Integer, String> row : rows) {
            if (row.value2() != null) {
                permissions.add(row.value2() + ":" + row.value3());
            }
        }
        return Optional.of(new CurrentUser(rows.get(0).value1(), username, permissions));
    }

    private static @Nullable String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
