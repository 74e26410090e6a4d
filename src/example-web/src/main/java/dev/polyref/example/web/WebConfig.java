package dev.polyref.example.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The interceptors, in order: start the statement count, then load the signed-in user (counted). */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final CurrentUsers users;

    WebConfig(CurrentUsers users) {
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new StatementCounting.Interceptor());
        registry.addInterceptor(users);
    }
}
