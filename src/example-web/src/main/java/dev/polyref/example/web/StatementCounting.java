package dev.polyref.example.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * How many statements a page took, for its footer: a jOOQ listener (on Boot's DSLContext through an
 * {@link ExecuteListenerProvider} bean) counts into the current request's counter, which each request starts at 0.
 * A servlet request runs on one thread, so a thread-local counter is that request's.
 */
@Configuration(proxyBeanMethods = false)
class StatementCounting {

    /** The current request's count; the template reads it while rendering, after the controller's statements. */
    static final class RequestStatements {
        private final AtomicInteger count = new AtomicInteger();

        public int getCount() {
            return count.get();
        }
    }

    private static final ThreadLocal<@Nullable RequestStatements> CURRENT = new ThreadLocal<>();

    @Bean
    ExecuteListenerProvider statementCountingListener() {
        return new DefaultExecuteListenerProvider(new ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void executeStart(ExecuteContext ctx) {
                RequestStatements statements = CURRENT.get();
                if (statements != null) {
                    statements.count.incrementAndGet();
                }
            }
        });
    }

    /** Starts each request's count (registered first, before the user is loaded) and ends it. */
    static final class Interceptor implements HandlerInterceptor {
        static final String ATTRIBUTE = RequestStatements.class.getName();

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            RequestStatements statements = new RequestStatements();
            CURRENT.set(statements);
            request.setAttribute(ATTRIBUTE, statements);
            return true;
        }

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                @Nullable Exception ex) {
            CURRENT.remove();
        }
    }

    /** Puts the counter in every page's model as {@code statements}. */
    @ControllerAdvice
    static final class Footer {
        @ModelAttribute("statements")
        @Nullable RequestStatements statements(HttpServletRequest request) {
            return (RequestStatements) request.getAttribute(Interceptor.ATTRIBUTE);
        }

        @ModelAttribute("currentUser")
        @Nullable CurrentUser currentUser(HttpServletRequest request) {
            return CurrentUsers.find(request).orElse(null);
        }
    }
}
