package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/**
 * The objector's contact details: personal data. Only handlers (platform operators, the data
 * bureau, the department the case was transferred to) see them in full; everything else gets
 * {@link #masked()} or nothing.
 */
@DomainModel
public record Objector(String name, String phone, String email, String organisation, String creditCode) {

    public Objector masked() {
        return new Objector(Masking.name(name), Masking.phone(phone), Masking.email(email), Masking.name(organisation),
                Masking.code(creditCode));
    }

    /** What events and logs may name: the organisation's or person's first character, e.g. 张*. */
    public String maskedDisplayName() {
        return Masking.name(organisation != null && !organisation.isBlank() ? organisation : name);
    }
}
