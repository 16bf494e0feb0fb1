package cn.govdata.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Malformed input stops at the edge of every service, in one place: control characters in query
 * parameters answer 400 before any controller sees them, and multipart bodies are parsed only when
 * an upload endpoint asks for its parts, so a multipart body sent anywhere else is never read and
 * a garbage one sent to an upload endpoint is a 400 problem (see {@link ProblemHandler}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class MalformedInputAutoConfiguration {

    /**
     * Spring's default resolver parses every multipart request before choosing a handler, whatever
     * the endpoint; lazily it parses on the handler's first access to a part or parameter. Boot's
     * size limits ({@code spring.servlet.multipart.*}) still apply: they live in the servlet's
     * multipart config, not in this resolver.
     */
    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    @ConditionalOnMissingBean(MultipartResolver.class)
    StandardServletMultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver();
        resolver.setResolveLazily(true);
        return resolver;
    }

    /** Right after the request id filter, so the 400 carries the request id, and before the security chain. */
    @Bean
    FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter() {
        FilterRegistrationBean<ControlCharacterFilter> registration = new FilterRegistrationBean<>(new ControlCharacterFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
