package cn.govdata.platform.directory;

import cn.govdata.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code GET <api-base>/directory}: the departments this service knows, so a partner can see that
 * the service has caught up with the catalog's directory.
 */
@RestController
final class DirectoryController {

    private final DepartmentDirectory directory;

    DirectoryController(DepartmentDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("${govdata.api-base}/directory")
    PageResponse<DirectoryEntry> list(@RequestParam(required = false) String region,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return PageResponse.of(directory.list(region, PageRequest.of(page, size)), e -> e);
    }
}
