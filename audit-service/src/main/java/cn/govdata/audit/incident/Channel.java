package cn.govdata.audit.incident;

import cn.govdata.domain.DomainModel;

/** How a notification went out; kept so a later review can tell a phone call from an official letter. */
@DomainModel
public enum Channel {
    OFFICIAL_DOCUMENT, PHONE, EMAIL, SMS, PLATFORM_MESSAGE, IN_PERSON, PUBLIC_NOTICE
}
