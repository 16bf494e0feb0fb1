package cn.govdata.objection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Data objections and corrections under statutory deadlines. */
@SpringBootApplication
public class ObjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ObjectionServiceApplication.class, args);
    }
}
