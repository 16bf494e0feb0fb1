package cn.govdata.catalog.duty;

import cn.govdata.catalog.entry.EntryContent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReevaluationRulesTest {

    static EntryContent content(EntryContent.ShareType share, EntryContent.OpenType open) {
        return new EntryContent("企业信用信息", "企业信用", EntryContent.ResourceCategory.DEPARTMENTAL, "01", "001", null, "AMR",
                "信用系统", null, null, null, List.of(EntryContent.DataFormat.JSON), EntryContent.DataForm.STRUCTURED,
                List.of(new EntryContent.DataItem("统一社会信用代码", EntryContent.DataType.STRING, 18, null, false, false)), null,
                share, null, null, null, null, List.of(EntryContent.ShareMethod.API), open, null, null, null, false,
                EntryContent.UpdateFrequency.DAILY, null, null, "210100", EntryContent.DataGrade.GENERAL);
    }

    @Test
    @DisplayName("SY 31: conditional and not-shared sharing come up for re-evaluation")
    void sy31RestrictedSharing() {
        assertThat(ReevaluatingEntries.citations(content(EntryContent.ShareType.CONDITIONAL, EntryContent.OpenType.UNCONDITIONAL)))
                .containsExactly("SY 31");
        assertThat(ReevaluatingEntries.citations(content(EntryContent.ShareType.NOT_SHARED, EntryContent.OpenType.UNCONDITIONAL)))
                .containsExactly("SY 31");
    }

    @Test
    @DisplayName("SY 37: conditional and not-open opening come up for re-evaluation, with SY 31 when sharing is restricted too")
    void sy37RestrictedOpening() {
        assertThat(ReevaluatingEntries.citations(content(EntryContent.ShareType.UNCONDITIONAL, EntryContent.OpenType.NOT_OPEN)))
                .containsExactly("SY 37");
        assertThat(ReevaluatingEntries.citations(content(EntryContent.ShareType.CONDITIONAL, EntryContent.OpenType.CONDITIONAL)))
                .containsExactly("SY 31", "SY 37");
    }

    @Test
    @DisplayName("SY 31, SY 37: unrestricted data is not re-evaluated")
    void unrestrictedDataNotReevaluated() {
        assertThat(ReevaluatingEntries.citations(content(EntryContent.ShareType.UNCONDITIONAL, EntryContent.OpenType.UNCONDITIONAL)))
                .isEmpty();
    }

    @Test
    @DisplayName("SY 31: a re-evaluation duty is closed by the provider's recorded outcome, not found fulfilled by entry changes")
    void sy31ReevaluationClosedByOutcome() {
        Instant now = Instant.parse("2026-10-12T02:00:00Z");
        CatalogDuty duty = CatalogDuty.open("REEVAL-X-1", "AMR", "210100", DutyTrigger.RESTRICTED_REEVALUATION, "定期评估", null,
                null, List.of("X"), "restricted-data-reevaluation", now, now.plusSeconds(3600), "SY 31");
        assertThat(duty.closedByConfirmation()).isTrue();
        CatalogDuty kept = duty.fulfil(now.plusSeconds(60), "amr-officer", "仍涉及商业秘密", List.of(), ReevaluationOutcome.KEEP_RESTRICTED);
        assertThat(kept.outcome()).isEqualTo(ReevaluationOutcome.KEEP_RESTRICTED);
        assertThat(kept.onTime()).isTrue();
        assertThat(CatalogDuty.open("D", "AMR", null, DutyTrigger.SYSTEM_UPDATED, "x", null, null, List.of("X"), "a", now,
                now, "NJ 18").closedByConfirmation()).isFalse();
    }
}
