package cn.govdata.opendata.dataset;

import cn.govdata.domain.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Anonymous downloads and the paged records API of unconditionally open datasets (NJ 26, SY 33). */
@RestController
class PublicDownloadController {

    private final Downloads downloads;

    PublicDownloadController(Downloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/api/open-data/public/datasets/{entryId}/download")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String entryId,
                                                   @RequestParam(defaultValue = "csv") String format) {
        return downloads.download(downloads.openDataset(entryId), format);
    }

    @GetMapping("/api/open-data/public/datasets/{entryId}/records")
    Downloads.RecordsPage records(@PathVariable String entryId, @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw Refusal.invalidField("size", "page >= 0 and 1 <= size <= 500");
        }
        return downloads.page(downloads.openDataset(entryId), page, size);
    }
}
