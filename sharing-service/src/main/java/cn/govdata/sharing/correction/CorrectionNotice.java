package cn.govdata.sharing.correction;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * That one grant holder was told of one correction (NT 29). The notice and its event are one
 * insert, keyed by the correction's event id and the grant: a redelivered correction finds the
 * notice there and sends nothing again. Kept afterwards as the record of who was told what, when.
 *
 * @param correctionEventId {@code ce_id} of the DataCorrected event
 * @param caseId            the objection case (its tracking number)
 */
@Document(CorrectionNotice.COLLECTION)
record CorrectionNotice(@Id String id, String correctionEventId, String caseId, String grantId, String resourceId,
                        String providerDepartment, String consumerDepartment, String recordPseudonym,
                        List<String> correctedFields, Instant correctedAt, Instant notifiedAt, List<OutboxMessage> outbox) {

    static final String COLLECTION = "correction_notices";

    CorrectionNotice {
        correctedFields = correctedFields == null ? List.of() : List.copyOf(correctedFields);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    static String id(String correctionEventId, String grantId) {
        return correctionEventId + "|" + grantId;
    }
}
