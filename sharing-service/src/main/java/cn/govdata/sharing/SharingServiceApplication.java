package cn.govdata.sharing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Inter-department sharing: applications, grants under statutory deadlines and the data exchange. */
@SpringBootApplication
public class SharingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SharingServiceApplication.class, args);
    }
}
