package cn.govdata.platform.test.archfixture.bad.alpha;

import cn.govdata.domain.DomainModel;
import cn.govdata.platform.test.archfixture.bad.beta.BetaDocument;
import org.springframework.http.HttpStatus;

/** Breaks every rule: a domain type that speaks HTTP, reads another feature's document, and is needed back by it. */
@DomainModel
public class Alpha {

    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    public String borrowed(BetaDocument document) {
        return document.id();
    }
}
