package cn.govdata.opendata.catalog;

import cn.govdata.domain.Refusal;
import cn.govdata.opendata.dispute.DisputedRecords;
import cn.govdata.opendata.dispute.OpenDisputes;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.directory.DirectoryEntry;
import cn.govdata.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.function.Function;

/** Anonymous search, browse and metadata of the open catalog, and the not-open list with its legal basis. */
@RestController
class PublicCatalogController {

    private final Listings listings;
    private final DepartmentDirectory directory;
    private final DisputedRecords disputes;

    PublicCatalogController(Listings listings, DepartmentDirectory directory, DisputedRecords disputes) {
        this.listings = listings;
        this.directory = directory;
        this.disputes = disputes;
    }

    @GetMapping("/api/open-data/public/datasets")
    PageResponse<DatasetView> search(@RequestParam(required = false) String q, @RequestParam(required = false) String topic,
                                     @RequestParam(required = false) String department,
                                     @RequestParam(required = false) String openType,
                                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        if ("NOT_OPEN".equalsIgnoreCase(openType)) {
            throw Refusal.invalidField("openType", "not-open entries are listed at /api/open-data/public/not-open");
        }
        Listings.SearchResult result = listings.search(q, topic, department, openType, page, size);
        // One query for the page's open cases, not one per listing.
        Map<String, OpenDisputes> open = disputes.of(result.items().stream().map(Listing::entryId).toList());
        return pageOf(result, l -> view(l, open.getOrDefault(l.entryId(), OpenDisputes.NONE)), page, size);
    }

    @GetMapping("/api/open-data/public/datasets/{entryId}")
    DatasetView metadata(@PathVariable String entryId) {
        Listing listing = listings.open(entryId);
        return view(listing, disputes.of(listing.entryId()));
    }

    /**
     * @param reason     why the entry is not opened (the catalog's openReason)
     * @param legalBasis the law or regulation it is closed under (the catalog's openLegalBasis)
     */
    record NotOpenView(String entryId, String name, String department, String departmentName, String reason,
                       String legalBasis) {
    }

    /** 不予开放 entries and why (NJ 24, SY 34, QY 33-34), paged like the dataset list. */
    @GetMapping("/api/open-data/public/not-open")
    PageResponse<NotOpenView> notOpen(@RequestParam(required = false) String q,
                                      @RequestParam(required = false) String department,
                                      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return pageOf(listings.notOpen(q, department, page, size), l -> new NotOpenView(l.entryId(), l.name(), l.department(),
                name(l.department()), l.openReason(), l.openLegalBasis()), page, size);
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw Refusal.invalidField("size", "page >= 0 and 1 <= size <= 100");
        }
    }

    private static <T> PageResponse<T> pageOf(Listings.SearchResult result, Function<Listing, T> view, int page, int size) {
        return new PageResponse<>(result.items().stream().map(view).toList(), page, size, result.total(),
                (int) ((result.total() + size - 1) / size));
    }

    private DatasetView view(Listing l, OpenDisputes open) {
        return DatasetView.of(l, name(l.department()), open);
    }

    private String name(String code) {
        return code == null ? null : directory.find(code).map(DirectoryEntry::name).orElse(code);
    }
}
