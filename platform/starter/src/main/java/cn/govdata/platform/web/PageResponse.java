package cn.govdata.platform.web;

import org.springframework.data.domain.Page;

import java.util.List;
import java.util.function.Function;

/** The one paged-list shape on the wire, independent of Spring Data's internal page classes. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }
}
