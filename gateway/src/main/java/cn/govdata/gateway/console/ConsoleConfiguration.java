package cn.govdata.gateway.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.resource.PathResourceResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * Serves the 工作台 single-page console at {@code /console/} from the directory the build wrote.
 * The files are public (they hold no data: every call the console makes carries the signed-in
 * person's token to the APIs, which still refuse anything without one, see SecurityConfiguration).
 *
 * <p>Vite names every file under {@code assets/} by its content hash, so those are cached for a
 * year; {@code index.html} and client routes ({@code /console/review/…}, which answer index.html so a
 * reload or a shared link works) are revalidated on every load, so a new build reaches people at once.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebFluxConfigurer {

    static final String BASE = "/console/";

    private final ConsoleProperties properties;

    ConsoleConfiguration(ConsoleProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (!properties.enabled()) {
            return;
        }
        Path root = Path.of(properties.directory()).toAbsolutePath().normalize();
        registry.addResourceHandler(BASE + "assets/**")
                .addResourceLocations("file:" + root.resolve("assets") + "/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new PathResourceResolver());
        registry.addResourceHandler(BASE + "**")
                .addResourceLocations("file:" + root + "/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new SinglePageFallback(new FileSystemResource(root.resolve("index.html"))));
    }

    /**
     * {@code /console} without the slash goes to {@code /console/} (relative asset paths need it),
     * and {@code /console/config.json} tells the browser where to sign in. Router functions answer
     * before the resource handlers.
     */
    @Bean
    RouterFunction<ServerResponse> consoleRoutes(@Value("${govdata.security.issuer:http://127.0.0.1:8180/realms/govdata}") String issuer) {
        String authority = properties.authority() == null || properties.authority().isBlank() ? issuer : properties.authority();
        Map<String, Object> config = Map.of("authority", authority, "clientId", properties.clientId());
        return RouterFunctions.route(GET("/console"), request -> properties.enabled()
                        ? ServerResponse.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(BASE)).build()
                        : notFound())
                // The resource handler resolves no file for the bare base path: the page itself.
                .andRoute(GET(BASE), request -> properties.enabled() && index().isReadable()
                        ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache())
                                .bodyValue(index())
                        : notFound())
                .andRoute(GET(BASE + "config.json"), request -> properties.enabled()
                        ? ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .cacheControl(CacheControl.noCache()).bodyValue(config)
                        : notFound());
    }

    /**
     * The console's pages may run only the console's own scripts and talk only to the gateway and
     * the OpenID provider, so an injected script could neither load nor send a token elsewhere.
     * Styles allow inline attributes: Element Plus positions popups with them.
     */
    @Bean
    WebFilter consoleContentSecurityPolicy(@Value("${govdata.security.issuer:http://127.0.0.1:8180/realms/govdata}") String issuer) {
        String authority = properties.authority() == null || properties.authority().isBlank() ? issuer : properties.authority();
        URI provider = URI.create(authority);
        String origin = provider.getScheme() + "://" + provider.getRawAuthority();
        String policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self' data:; connect-src 'self' " + origin + "; frame-src " + origin + "; "
                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self' " + origin + "; object-src 'none'";
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            if (path.equals("/console") || path.startsWith(BASE)) {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
            }
            return chain.filter(exchange);
        };
    }

    private Resource index() {
        return new FileSystemResource(Path.of(properties.directory()).toAbsolutePath().normalize().resolve("index.html"));
    }

    private static Mono<ServerResponse> notFound() {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A file that exists is served; a path without a file extension is a client route and gets index.html. */
    static final class SinglePageFallback extends PathResourceResolver {

        private final Resource index;

        SinglePageFallback(Resource index) {
            this.index = index;
        }

        @Override
        protected Mono<Resource> getResource(String resourcePath, Resource location) {
            return super.getResource(resourcePath, location)
                    .switchIfEmpty(Mono.defer(() -> isClientRoute(resourcePath) && index.isReadable()
                            ? Mono.just(index) : Mono.empty()));
        }

        static boolean isClientRoute(String path) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            return !last.contains(".");
        }
    }
}
