package cn.govdata.catalog.dcat;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Map;

/**
 * The published catalog in DCAT-AP 3 (JSON-LD), for national and provincial catalog harvesters
 * and other interoperable portals. Paged with Hydra links.
 */
@RestController
class DcatController {

    static final String JSON_LD = "application/ld+json";
    private static final List<EntryStatus> VISIBLE = List.of(EntryStatus.PUBLISHED, EntryStatus.WITHDRAWAL_REQUESTED);

    private final Entries entries;
    private final DcatDocuments documents;

    DcatController(Entries entries, DcatDocuments documents) {
        this.entries = entries;
        this.documents = documents;
    }

    /**
     * The published catalog; a county sub-platform gets its own region's entries and the city-wide
     * ones, like every other catalog read (and nothing without a region claim).
     */
    @GetMapping(value = "/api/catalog/dcat", produces = {JSON_LD, "application/json"})
    Map<String, Object> catalog(@RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Caller caller) {
        List<String> regions = null;
        if (!caller.seesAllRegions()) {
            String own = caller.regionCode().orElseThrow(() -> Refusal.forbidden(
                    "A county sub-platform's token needs a region claim"));
            regions = List.of(own, own.substring(0, Math.min(4, own.length())) + "00");
        }
        Entries.PublishedPage published = entries.published(VISIBLE, regions, page, size);
        return documents.catalog(published.entries(), base(), page, size, published.total());
    }

    @GetMapping(value = "/api/catalog/entries/{id}/dcat", produces = {JSON_LD, "application/json"})
    Map<String, Object> dataset(@PathVariable String id, Caller caller) {
        CatalogEntry entry = entries.entry(id);
        if (!VISIBLE.contains(entry.status()) || !EntryAccess.regionVisible(caller, entry.published().region())) {
            throw Refusal.notFound("Published catalog entry", id);
        }
        return documents.dataset(entry, base(), true);
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
