package cn.govdata.platform.test.archfixture.bad.beta;

import cn.govdata.platform.test.archfixture.bad.alpha.Alpha;

public record BetaDocument(String id, Alpha owner) {
}
