package cn.govdata.catalog.entry;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;

/** The lifecycle of one catalog entry: draft, submit, review, change, withdraw, history. */
@RestController
@RequestMapping("/api/catalog/entries")
class EntryController {

    private final CataloguingEntries cataloguing;
    private final ReviewingEntries reviewing;
    private final WithdrawingEntries withdrawing;
    private final Entries entries;

    EntryController(CataloguingEntries cataloguing, ReviewingEntries reviewing, WithdrawingEntries withdrawing, Entries entries) {
        this.cataloguing = cataloguing;
        this.reviewing = reviewing;
        this.withdrawing = withdrawing;
        this.entries = entries;
    }

    record ReviewRequest(@NotNull ReviewingEntries.Decision decision, List<@Size(max = 1000) String> reasons) {
    }

    /** @param effectiveOn only under prior filing (SY 27): the day the withdrawal takes effect; the earliest allowed when absent */
    record WithdrawalRequest(@NotBlank @Size(max = 2000) String reasons, java.time.LocalDate effectiveOn) {
    }

    record WithdrawalDecision(@NotNull Boolean approve, @Size(max = 2000) String reasons) {
    }

    record HistoryResponse(String id, List<CatalogEntry.HistoryEntry> history) {
    }

    record VersionResponse(String id, int version, EntryContent content, String approvedBy, Instant approvedAt) {
    }

    @PostMapping
    ResponseEntity<EntryResponse> create(@Valid @RequestBody EntryRequest request, Caller caller) {
        CatalogEntry entry = cataloguing.create(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(entry.id()).toUri();
        return ResponseEntity.created(location).body(EntryResponse.of(entry, true));
    }

    @GetMapping("/{id}")
    EntryResponse get(@PathVariable String id, Caller caller) {
        CatalogEntry entry = visible(id, caller);
        return EntryResponse.of(entry, insider(caller, entry));
    }

    @PutMapping("/{id}")
    EntryResponse edit(@PathVariable String id, @Valid @RequestBody EntryRequest request, Caller caller) {
        return EntryResponse.of(cataloguing.edit(id, request, caller), true);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(@PathVariable String id, Caller caller) {
        cataloguing.discard(id, caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/submit")
    EntryResponse submit(@PathVariable String id, Caller caller) {
        return EntryResponse.of(cataloguing.submit(id, caller), true);
    }

    @PostMapping("/{id}/review/start")
    EntryResponse startReview(@PathVariable String id, Caller caller) {
        return EntryResponse.of(reviewing.startReview(id, caller), true);
    }

    @PostMapping("/{id}/review")
    EntryResponse review(@PathVariable String id, @Valid @RequestBody ReviewRequest request, Caller caller) {
        return EntryResponse.of(reviewing.decide(id, request.decision(), request.reasons(), caller), true);
    }

    @PostMapping("/{id}/withdrawal")
    EntryResponse requestWithdrawal(@PathVariable String id, @Valid @RequestBody WithdrawalRequest request, Caller caller) {
        return EntryResponse.of(withdrawing.request(id, request.reasons(), request.effectiveOn(), caller), true);
    }

    @PostMapping("/{id}/withdrawal/decision")
    EntryResponse decideWithdrawal(@PathVariable String id, @Valid @RequestBody WithdrawalDecision request, Caller caller) {
        return EntryResponse.of(withdrawing.decide(id, request.approve(), request.reasons(), caller), true);
    }

    /** Who changed what and when, with field-level differences (NT 16: every change traceable). */
    @GetMapping("/{id}/history")
    HistoryResponse history(@PathVariable String id, Caller caller) {
        CatalogEntry entry = visible(id, caller);
        if (!insider(caller, entry)) {
            // Readers see the published story only, not the department's drafting.
            return new HistoryResponse(id, entry.history().stream()
                    .filter(h -> h.action().equals("published") || h.action().equals("change approved")
                            || h.action().startsWith("withdraw")).toList());
        }
        return new HistoryResponse(id, entry.history());
    }

    @GetMapping("/{id}/versions/{version}")
    VersionResponse version(@PathVariable String id, @PathVariable int version, Caller caller) {
        CatalogEntry entry = visible(id, caller);
        var v = entry.version(version).orElseThrow(() -> Refusal.notFound("Version", id + " v" + version));
        return new VersionResponse(id, v.version(), v.content(), v.approvedBy(), v.approvedAt());
    }

    private CatalogEntry visible(String id, Caller caller) {
        CatalogEntry entry = entries.entry(id);
        if (!EntryAccess.canSee(caller, entry)) {
            // Not 403: whether an unpublished entry exists is itself not for outsiders.
            throw Refusal.notFound("Catalog entry", id);
        }
        return entry;
    }

    private static boolean insider(Caller caller, CatalogEntry entry) {
        return caller.seesEveryDepartment() || EntryAccess.ownsDepartment(caller, entry.providerDepartment());
    }
}
