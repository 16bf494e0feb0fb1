package cn.govdata.sharing.application;

import cn.govdata.sharing.grant.Grant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bureau's steps on an application, as the domain keeps them (no store, no HTTP). */
class ShareApplicationBureauStepsTest {

    static final Instant T = Instant.parse("2026-12-07T02:00:00Z");

    static ShareApplication awaitingDecision() {
        var a = ShareApplication.submitted("APP-1", ShareApplication.Type.NEW, null,
                new ShareApplication.Submission("R-1", "社保", "CONDITIONAL", "HRSS", "CAB", "320600", "s", "p", "duty",
                        List.of("姓名", "参保状态"), List.of(), "API", Grant.Kind.DATA, T, T.plusSeconds(86_400 * 365L)),
                ShareApplication.Route.PROVIDER_DECISION, "cab-clerk", T);
        a.awaitDecision(T, T.plusSeconds(86_400 * 7L));
        return a;
    }

    static ShareApplication.Opinion refusal() {
        return new ShareApplication.Opinion(false, List.of(), List.of(), null, List.of("数据尚未治理完成"), null, "hrss-approver",
                T.plusSeconds(60));
    }

    @Test
    @DisplayName("NJ 22: the provider's answer stays with the bureau, out of the applicant's view, until the bureau confirms it")
    void anUnconfirmedAnswerIsWithheldFromTheApplicant() {
        var a = awaitingDecision();
        a.opinionGiven(refusal(), true);

        assertThat(a.state()).isEqualTo(ShareApplication.State.AWAITING_BUREAU);
        assertThat(a.state().isOpen()).isTrue();
        ApplicationView applicant = ApplicationView.of(a, true);
        assertThat(applicant.providerOpinion()).isNull();
        assertThat(applicant.history()).extracting(ShareApplication.HistoryEntry::note).doesNotContain("数据尚未治理完成");
        assertThat(ApplicationView.of(a, false).providerOpinion()).isEqualTo(refusal());

        a.confirmed("bureau-reviewer-wang", T.plusSeconds(120));
        a.refuse(new ShareApplication.Decision(false, List.of(), List.of(), null, List.of("数据尚未治理完成"), null,
                "hrss-approver (confirmed)", T.plusSeconds(120), null, null, null));
        assertThat(ApplicationView.of(a, true).providerOpinion()).isEqualTo(refusal());
        assertThat(ApplicationView.of(a, true).bureauReview().confirmed()).isTrue();
    }

    @Test
    @DisplayName("NJ 22: an answer the bureau sends back returns to the provider with the bureau's reasons")
    void aSentBackAnswerAwaitsTheProviderAgain() {
        var a = awaitingDecision();
        a.opinionGiven(refusal(), true);
        a.sentBack(List.of("拒绝理由不成立"), "bureau-reviewer-wang", T.plusSeconds(120));

        assertThat(a.state()).isEqualTo(ShareApplication.State.AWAITING_DECISION);
        assertThat(a.bureauReview().confirmed()).isFalse();
        assertThat(a.bureauReview().reasons()).containsExactly("拒绝理由不成立");
        assertThat(a.opinionWithTheBureau()).isFalse();
    }

    @Test
    @DisplayName("QZ 5.4: the provider's opinion is recorded and the application waits for the bureau's decision")
    void anOpinionPutsTheApplicationWithTheBureau() {
        var a = awaitingDecision();
        a.opinionGiven(refusal(), false);

        assertThat(a.state()).isEqualTo(ShareApplication.State.AWAITING_BUREAU);
        assertThat(a.history()).extracting(ShareApplication.HistoryEntry::action).contains("provider opinion: refuse");
        assertThat(a.decision()).isNull();
    }

    @Test
    @DisplayName("SY 28, QY 48: a referred dispute stays open, and the deciding body's recorded decision binds the application")
    void aReferredDisputeIsBoundByTheRecordedDecision() {
        var granted = awaitingDecision();
        granted.refer(new ShareApplication.Referral("GOVERNMENT", "协调不成", "bureau", T));
        assertThat(granted.state()).isEqualTo(ShareApplication.State.REFERRED);
        assertThat(granted.state().isOpen()).isTrue();
        var decision = new ShareApplication.Decision(true, List.of("姓名"), List.of(), T.plusSeconds(86_400), List.of("履职必需"),
                null, "沈阳市人民政府", T, "DISPUTE_DECISION", null, null);
        granted.finallyDecided(new ShareApplication.FinalDecision("GOVERNMENT", "沈阳市人民政府", "GRANT", List.of("履职必需"),
                LocalDate.parse("2026-12-07"), "bureau", T), decision);
        assertThat(granted.state()).isEqualTo(ShareApplication.State.APPROVED);
        assertThat(granted.decision().grantRoute()).isEqualTo("DISPUTE_DECISION");

        var upheld = awaitingDecision();
        upheld.refer(new ShareApplication.Referral("JOINT_CONSULTATION", "协调不成", "bureau", T));
        upheld.finallyDecided(new ShareApplication.FinalDecision("JOINT_CONSULTATION", "联合会商", "UPHOLD_REFUSAL",
                List.of("维持"), LocalDate.parse("2026-12-07"), "bureau", T), null);
        assertThat(upheld.state()).isEqualTo(ShareApplication.State.REFUSAL_UPHELD);
        assertThat(upheld.finalDecision().decidingBody()).isEqualTo("联合会商");
    }
}
