package cn.govdata.events;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks an event body against the JSON Schema its {@link EventType} declares. */
public final class SchemaAssertions {

    private SchemaAssertions() {
    }

    public static void assertConforms(EventType<?> type, String json) {
        assertThat(violations(type, json)).as("%s body %s", type.type(), json).isEmpty();
    }

    public static Set<ValidationMessage> violations(EventType<?> type, String json) {
        try (InputStream schema = SchemaAssertions.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(schema).as("schema resource %s", type.schemaResource()).isNotNull();
            // Schemas reference each other by their public $id; resolve those from the classpath.
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaMappers(m -> m.mapPrefix("https://govdata.cn/schemas/", "classpath:cn/govdata/events/schemas/")));
            JsonSchema compiled = factory.getSchema(schema);
            return compiled.validate(json, com.networknt.schema.InputFormat.JSON,
                    ctx -> ctx.getExecutionConfig().setFormatAssertionsEnabled(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
