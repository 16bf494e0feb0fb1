package cn.govdata.catalog.entry;

import cn.govdata.catalog.entry.EntryContent.DataItem;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.domain.Refusal;
import cn.govdata.policy.EntryFiling;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry's own part of the filing (SY 23, NT 8, QY 14) and withdrawal (SY 27, NT 16) rules. */
class FilingAndWithdrawalRulesTest {

    static final Instant NOW = Instant.parse("2026-10-12T02:00:00Z");

    static EntryContent content(ShareType shareType) {
        boolean conditional = shareType == ShareType.CONDITIONAL;
        return new EntryContent("社会保险参保信息", "参保人员的参保状态", EntryContent.ResourceCategory.DEPARTMENTAL, "01", "001",
                null, "HRSS", "社保业务系统", null, null, null, List.of(EntryContent.DataFormat.JSON),
                EntryContent.DataForm.STRUCTURED, List.of(new DataItem("参保状态", EntryContent.DataType.STRING, 10, null, false, false)),
                null, shareType, conditional ? "仅用于社保待遇核验" : null, conditional ? "市级政务部门" : null,
                shareType == ShareType.UNCONDITIONAL ? null : "涉及个人社保权益",
                shareType == ShareType.UNCONDITIONAL ? null : "《社会保险法》第八十一条",
                shareType == ShareType.NOT_SHARED ? List.of() : List.of(EntryContent.ShareMethod.API),
                EntryContent.OpenType.NOT_OPEN, null, "含个人信息", "《个人信息保护法》第二十八条", false,
                EntryContent.UpdateFrequency.MONTHLY, null, null, "210100", EntryContent.DataGrade.GENERAL);
    }

    static CatalogEntry submitted(ShareType shareType, EntryFiling rule, String citation) {
        return CatalogEntry.draft("301001-HRSS-000001", content(shareType), "hrss-officer", NOW)
                .submit("hrss-officer", NOW, rule, citation);
    }

    static CatalogEntry published() {
        return submitted(ShareType.UNCONDITIONAL, EntryFiling.NOT_SHARED, "NT 8").approve("bureau", NOW.plusSeconds(60));
    }

    @Test
    @DisplayName("SY 23: a conditional version is filed with the bureau as it is submitted, with its legal basis and share type")
    void sy23FilesConditionalVersionsWithTheirLegalBasis() {
        CatalogEntry entry = submitted(ShareType.CONDITIONAL, EntryFiling.CONDITIONAL_AND_NOT_SHARED, "SY 23");

        assertThat(entry.filing()).isNotNull();
        assertThat(entry.filing().legalBasis()).isEqualTo("《社会保险法》第八十一条");
        assertThat(entry.filing().shareType()).isEqualTo(ShareType.CONDITIONAL);
        assertThat(entry.filing().citation()).isEqualTo("SY 23");
        assertThat(entry.filing().version()).isEqualTo(1);
        assertThat(entry.filing().filedAt()).isEqualTo(NOW);
    }

    @Test
    @DisplayName("NT 8, QY 14: only not-shared versions are filed; a conditional one is not")
    void nt8FilesNotSharedVersionsOnly() {
        assertThat(submitted(ShareType.CONDITIONAL, EntryFiling.NOT_SHARED, "NT 8").filing()).isNull();
        assertThat(submitted(ShareType.NOT_SHARED, EntryFiling.NOT_SHARED, "NT 8").filing().shareType())
                .isEqualTo(ShareType.NOT_SHARED);
    }

    @Test
    @DisplayName("SY 23, NT 8: which share types each filing rule files; unconditional sharing is never filed")
    void eachFilingRuleFilesItsShareTypes() {
        assertThat(CatalogEntry.filed(EntryFiling.CONDITIONAL_AND_NOT_SHARED, ShareType.CONDITIONAL)).isTrue();
        assertThat(CatalogEntry.filed(EntryFiling.CONDITIONAL_AND_NOT_SHARED, ShareType.NOT_SHARED)).isTrue();
        assertThat(CatalogEntry.filed(EntryFiling.CONDITIONAL_AND_NOT_SHARED, ShareType.UNCONDITIONAL)).isFalse();
        assertThat(CatalogEntry.filed(EntryFiling.NOT_SHARED, ShareType.CONDITIONAL)).isFalse();
        assertThat(CatalogEntry.filed(EntryFiling.NONE, ShareType.NOT_SHARED)).isFalse();
    }

    @Test
    @DisplayName("SY 27: a filed withdrawal leaves the entry visible, admits no bureau decision, and withdraws it when it takes effect")
    void sy27FiledWithdrawalTakesEffectWithoutADecision() {
        Instant effectiveAt = NOW.plus(Duration.ofDays(8));
        CatalogEntry filed = published().fileWithdrawal("职能划转", effectiveAt, "SY 27", "hrss-officer", NOW.plusSeconds(120));

        assertThat(filed.status()).isEqualTo(EntryStatus.WITHDRAWAL_REQUESTED);
        assertThat(filed.withdrawal().state()).isEqualTo(CatalogEntry.WithdrawalState.FILED);
        assertThat(filed.withdrawal().effectiveAt()).isEqualTo(effectiveAt);
        assertThatThrownBy(() -> filed.decideWithdrawal(true, "同意", "bureau", NOW.plusSeconds(180)))
                .isInstanceOf(Refusal.class);

        CatalogEntry withdrawn = filed.withdrawalTakesEffect("prior-filing (SY 27)", effectiveAt);
        assertThat(withdrawn.status()).isEqualTo(EntryStatus.WITHDRAWN);
        assertThat(withdrawn.withdrawal().decidedBy()).isEqualTo("prior-filing (SY 27)");
        assertThat(withdrawn.history()).extracting(CatalogEntry.HistoryEntry::action).contains("withdrawal filed", "withdrawn");
        assertThatThrownBy(() -> withdrawn.withdrawalTakesEffect("again", effectiveAt)).isInstanceOf(Refusal.class);
    }

    @Test
    @DisplayName("SY 27: a withdrawal is filed ahead of its effect, never effective at the moment of filing")
    void sy27WithdrawalIsFiledBeforehand() {
        assertThatThrownBy(() -> published().fileWithdrawal("职能划转", NOW, "SY 27", "hrss-officer", NOW.plusSeconds(120)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("NT 16: a requested withdrawal still waits for the bureau's approval")
    void nt16RequestedWithdrawalWaitsForApproval() {
        CatalogEntry requested = published().requestWithdrawal("职能划转", "hrss-officer", NOW.plusSeconds(120));
        assertThat(requested.withdrawal().state()).isEqualTo(CatalogEntry.WithdrawalState.REQUESTED);
        assertThatThrownBy(() -> requested.withdrawalTakesEffect("prior-filing", NOW.plusSeconds(180)))
                .isInstanceOf(Refusal.class);
        assertThat(requested.decideWithdrawal(true, "同意", "bureau", NOW.plusSeconds(180)).status()).isEqualTo(EntryStatus.WITHDRAWN);
    }

    @Test
    @DisplayName("SY 27 says 提前 without a period: the platform's minimum notice defaults to five working days and rejects a malformed one")
    void sy27NoticeDefaultsToFiveWorkingDays() {
        assertThat(new WithdrawalProperties(null).notice().toString()).isEqualTo("5wd");
        assertThat(new WithdrawalProperties("10d").notice().toString()).isEqualTo("10d");
        assertThatThrownBy(() -> new WithdrawalProperties("five days")).isInstanceOf(IllegalArgumentException.class);
    }
}
