package cn.govdata.gateway.body;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * How large a request body may be ({@code govdata.gateway.body-limits.*}).
 *
 * @param json    every body not sent to an upload endpoint: JSON commands are a few kilobytes
 * @param uploads the upload endpoints, the only ones that take multipart bodies, each with its own limit
 */
@ConfigurationProperties("govdata.gateway.body-limits")
record BodyLimitProperties(@DefaultValue("1MB") DataSize json, List<Upload> uploads) {

    BodyLimitProperties {
        uploads = uploads == null ? List.of() : List.copyOf(uploads);
    }

    /**
     * @param method  e.g. POST
     * @param path    a path pattern as in route predicates, e.g. {@code /api/open-data/datasets/*}{@code /versions}
     * @param maxSize the whole request body, multipart framing included
     */
    record Upload(HttpMethod method, String path, DataSize maxSize) {
    }
}
