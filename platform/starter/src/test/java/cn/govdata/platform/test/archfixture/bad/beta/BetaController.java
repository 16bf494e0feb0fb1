package cn.govdata.platform.test.archfixture.bad.beta;

import org.springframework.web.bind.annotation.RestController;

@RestController
public class BetaController {

    public String read(BetaDocument document) {
        return document.id();
    }
}
