package cn.govdata.platform.test.archfixture.good.beta;

import cn.govdata.platform.test.archfixture.good.alpha.Alpha;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BetaController {

    public String read(Alpha alpha) {
        return alpha.id();
    }
}
