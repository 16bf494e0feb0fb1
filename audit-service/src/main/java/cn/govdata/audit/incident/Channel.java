package cn.govdata.audit.incident;

/** How a notification went out; kept so a later review can tell a phone call from an official letter. */
public enum Channel {
    OFFICIAL_DOCUMENT, PHONE, EMAIL, SMS, PLATFORM_MESSAGE, IN_PERSON, PUBLIC_NOTICE
}
