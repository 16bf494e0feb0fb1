package cn.govdata.catalog.entry;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code GET /api/catalog/filings?department=&shareType=&from=&to=&page=&size=}: the entries filed
 * (备案) with the bureau with their legal basis, newest filing first. Which share types are filed is
 * the profile's {@code entry-filing} rule (SY 23: conditional and not-shared; NT 8, QY 14:
 * not-shared). For the bureau, the platform operator and auditors; {@code from} and {@code to} are
 * days in Asia/Shanghai, both included.
 */
@RestController
class FilingController {

    record FilingView(String entryId, String name, String providerDepartment, String region, EntryStatus status,
                      EntryResponse.Filing filing) {
        static FilingView of(EntryDocument d) {
            CatalogEntry e = d.entry();
            return new FilingView(e.id(), e.current().name(), e.providerDepartment(), d.region(), e.status(),
                    EntryResponse.Filing.of(e.filing()));
        }
    }

    private final Entries entries;

    FilingController(Entries entries) {
        this.entries = entries;
    }

    @GetMapping("/api/catalog/filings")
    PageResponse<FilingView> list(@RequestParam(required = false) String department,
                                  @RequestParam(required = false) EntryContent.ShareType shareType,
                                  @RequestParam(required = false) LocalDate from,
                                  @RequestParam(required = false) LocalDate to,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                  Caller caller) {
        if (!caller.seesEveryDepartment()) {
            throw Refusal.forbidden("Filings are for the data bureau, the platform operator and auditors");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw Refusal.invalidField("to", "结束日期不能早于开始日期 " + from);
        }
        Instant start = from == null ? null : from.atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        return PageResponse.of(entries.filings(department, shareType, start, end, PageRequest.of(page, size)), FilingView::of);
    }
}
