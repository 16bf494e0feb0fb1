package cn.govdata.platform.directory;

import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;

/**
 * {@code GET <api-base>/directory}: the departments this service knows, so a partner can see that
 * the service has caught up with the catalog's directory. A county sees its own region only; a
 * data officer's phone and e-mail go to the bureau, operators and the officer's own department,
 * everyone else sees the officer's name.
 */
@RestController
final class DirectoryController {

    private final DepartmentDirectory directory;

    DirectoryController(DepartmentDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("${govdata.api-base}/directory")
    PageResponse<Listed> list(@RequestParam(required = false) String region,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                              Caller caller) {
        String visible = region;
        if (!caller.seesAllRegions()) {
            String own = caller.regionCode().orElseThrow(() -> PlatformException.forbidden(
                    "A county sub-platform's token needs a region claim"));
            if (region != null && !region.equals(own)) {
                throw PlatformException.forbidden("A county sub-platform sees its own region " + own + " only");
            }
            visible = own;
        }
        return PageResponse.of(directory.list(visible, PageRequest.of(page, size)), e -> Listed.of(e, caller));
    }

    /** One department as a caller may see it. */
    record Listed(String code, String name, String level, String region, String parentCode,
                  DepartmentRegistered.DataOfficer dataOfficer, Instant registeredAt) {

        static Listed of(DirectoryEntry e, Caller caller) {
            DepartmentRegistered.DataOfficer officer = e.dataOfficer();
            if (officer != null && !caller.seesContactsOf(e.code())) {
                officer = new DepartmentRegistered.DataOfficer(officer.realName(), null, null);
            }
            return new Listed(e.code(), e.name(), e.level(), e.region(), e.parentCode(), officer, e.registeredAt());
        }
    }
}
