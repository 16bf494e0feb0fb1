package cn.govdata.opendata.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The data-use agreement a licensee signs before receiving conditional open data (QY 38). Versioned:
 * a licence records the version accepted, and acceptance of an outdated version is refused.
 */
@ConfigurationProperties("govdata.open-data.agreement")
record DataUseAgreement(@DefaultValue("2026-1") String version, @DefaultValue("公共数据有条件开放数据利用协议") String title,
                        @DefaultValue({
                                "仅在申请所述用途和场景内使用数据，不得超范围使用。",
                                "不得转售数据，不得向第三方提供或转让数据。",
                                "以科研、教育为目的获取的数据仅限非商业用途。",
                                "数据产品须注明数据来源和获取日期。",
                                "落实申请中承诺的安全保障措施，发生安全事件立即报告。",
                                "按要求向数据提供部门反馈数据利用情况。"}) List<String> clauses) {
}
