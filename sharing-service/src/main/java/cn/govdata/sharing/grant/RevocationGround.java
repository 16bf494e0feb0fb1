package cn.govdata.sharing.grant;

import cn.govdata.domain.DomainModel;

/** Why a grant was revoked before its time. */
@DomainModel
public enum RevocationGround {
    /** Not used for the profile's period (NT 26); the provider (or the bureau) may revoke. */
    UNUSED,
    /** Misuse, use beyond the grant or a security risk (QZ 5.10, NT 28); the bureau only. */
    MISUSE,
    /** The bureau's review of a platform-direct grant found it should not have been issued (NT 23). */
    PLATFORM_REVIEW,
    /** The catalog withdrew the resource (NT 16, SY 27). */
    RESOURCE_WITHDRAWN,
    /** The catalog removed every granted item from the resource. */
    ITEMS_REMOVED,
    /** Any other ground; the reasons say which. */
    OTHER
}
