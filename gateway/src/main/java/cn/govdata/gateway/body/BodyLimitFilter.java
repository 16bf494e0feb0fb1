package cn.govdata.gateway.body;

import cn.govdata.gateway.problem.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds every request body at the edge, per route: {@code json} for ordinary endpoints, a larger
 * limit on each upload endpoint; a multipart body anywhere but an upload endpoint is refused (415)
 * without being forwarded. A declared Content-Length over the limit is answered 413 at once; a body
 * without one (chunked) is counted as it streams and cut at the limit. The gateway's own
 * RequestSize filter only looks at Content-Length and answers with an empty body.
 */
@Component
class BodyLimitFilter implements GlobalFilter, Ordered {

    private final long json;
    private final List<Limit> uploads;

    BodyLimitFilter(BodyLimitProperties properties) {
        this.json = properties.json().toBytes();
        this.uploads = properties.uploads().stream()
                .map(u -> new Limit(u, PathPatternParser.defaultInstance.parse(u.path()), u.maxSize().toBytes())).toList();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        Limit upload = uploads.stream()
                .filter(u -> u.upload().method().equals(request.getMethod()) && u.pattern().matches(path))
                .findFirst().orElse(null);
        MediaType type = request.getHeaders().getContentType();
        if (upload == null && type != null && type.getType().equalsIgnoreCase("multipart")) {
            return Problems.write(exchange, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "Multipart bodies are accepted only by the upload endpoints; send JSON"));
        }
        long max = upload == null ? json : upload.max();
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return tooLarge(exchange, max);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        // No Content-Length: count the body as it streams through.
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                                "The request body is larger than " + text(max) + "; this endpoint accepts at most that"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, long max) {
        var problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Request body too large",
                "The request body is larger than " + text(max) + "; this endpoint accepts at most that");
        problem.setProperty("maxSize", text(max));
        return Problems.write(exchange, problem);
    }

    private static String text(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private record Limit(BodyLimitProperties.Upload upload, PathPattern pattern, long max) {
    }
}
