package cn.govdata.sharing.application;

import cn.govdata.domain.DomainModel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * NJ 22 ¶3: 其他单位因履职需要使用本市政务数据的，应当向市政务数据行政主管部门提交申请，并提供应用场景和安全保障措施。
 * 市政务数据行政主管部门会同提供数据的单位在十五个工作日内提出意见并报市人民政府确定后反馈.
 * A unit that is not a government department files its request with the bureau, which registers it;
 * the providing department and the bureau each give an opinion; the city government's decision,
 * which the bureau records, is the outcome. Immutable: each step returns the next state.
 * <pre>
 *   AWAITING_OPINIONS ─provider + bureau opinions─► AWAITING_CITY_GOVERNMENT ─recorded─► CONFIRMED_SHAREABLE
 *                                                                                   └─► CONFIRMED_NOT_SHAREABLE
 * </pre>
 *
 * @param opinionsDueAt NJ 22: the opinions are due within 15 working days of filing
 * @param version       the stored version this state was read at; writes are conditional on it
 */
@DomainModel
record NonGovernmentRequest(String id, String unitName, String unitCode, String resourceId, String resourceName,
                            String providerDepartment, String region, String scenario, String purpose,
                            String safetyMeasures, List<String> items, State state, String filedBy, Instant filedAt,
                            Instant opinionsDueAt, Opinion providerOpinion, Opinion bureauOpinion,
                            CityGovernmentDecision cityGovernment, List<ShareApplication.HistoryEntry> history,
                            long version) {

    enum State {
        AWAITING_OPINIONS, AWAITING_CITY_GOVERNMENT, CONFIRMED_SHAREABLE, CONFIRMED_NOT_SHAREABLE
    }

    record Opinion(boolean shareable, List<String> reasons, String givenBy, Instant givenAt) {
    }

    /**
     * @param reference the city government's document or minute, e.g. 宁政复〔2026〕12号
     * @param decidedOn the date the city government decided
     */
    record CityGovernmentDecision(boolean shareable, LocalDate decidedOn, String reference, List<String> reasons,
                                  String recordedBy, Instant recordedAt) {
    }

    NonGovernmentRequest {
        items = List.copyOf(items);
        history = List.copyOf(history);
    }

    NonGovernmentRequest withProviderOpinion(Opinion opinion) {
        return next(opinion, bureauOpinion, null, "provider opinion: " + (opinion.shareable() ? "shareable" : "not shareable"),
                opinion.givenBy(), opinion.givenAt(), String.join("; ", opinion.reasons()));
    }

    NonGovernmentRequest withBureauOpinion(Opinion opinion) {
        return next(providerOpinion, opinion, null, "bureau opinion: " + (opinion.shareable() ? "shareable" : "not shareable"),
                opinion.givenBy(), opinion.givenAt(), String.join("; ", opinion.reasons()));
    }

    NonGovernmentRequest confirmedByCityGovernment(CityGovernmentDecision decision) {
        return next(providerOpinion, bureauOpinion, decision, "city government decided on " + decision.decidedOn() + ": "
                        + (decision.shareable() ? "shareable" : "not shareable") + " (" + decision.reference() + ")",
                decision.recordedBy(), decision.recordedAt(), String.join("; ", decision.reasons()));
    }

    private NonGovernmentRequest next(Opinion provider, Opinion bureau, CityGovernmentDecision city, String action, String by,
                                      Instant at, String note) {
        State nextState = city != null ? (city.shareable() ? State.CONFIRMED_SHAREABLE : State.CONFIRMED_NOT_SHAREABLE)
                : provider != null && bureau != null ? State.AWAITING_CITY_GOVERNMENT : State.AWAITING_OPINIONS;
        List<ShareApplication.HistoryEntry> h = new ArrayList<>(history);
        h.add(new ShareApplication.HistoryEntry(at, action, by, note));
        return new NonGovernmentRequest(id, unitName, unitCode, resourceId, resourceName, providerDepartment, region, scenario,
                purpose, safetyMeasures, items, nextState, filedBy, filedAt, opinionsDueAt, provider, bureau, city, h, version);
    }
}
