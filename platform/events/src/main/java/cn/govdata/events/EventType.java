package cn.govdata.events;

import java.util.Objects;

/**
 * One kind of platform event: its CloudEvents {@code type}, the topic it travels on, the record
 * carrying its body and the JSON Schema that body conforms to.
 */
public record EventType<E>(String type, String topic, Class<E> payloadClass, String schemaResource) {

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadClass, "payloadClass");
        Objects.requireNonNull(schemaResource, "schemaResource");
    }

    /** The public identifier of the schema, used as {@code ce_dataschema}. */
    public String dataSchema() {
        return "https://govdata.cn/schemas/" + schemaResource.substring(schemaResource.lastIndexOf('/') + 1);
    }
}
