package cn.govdata.platform.test.archfixture.good.alpha;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;

/** Keeps every rule: plain Java, refuses in domain terms. */
@DomainModel
public record Alpha(String id) {

    public Alpha {
        if (id == null) {
            throw Refusal.invalidField("id", "is required");
        }
    }
}
