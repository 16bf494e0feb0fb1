package cn.govdata.opendata.dataset;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The department side: masking rules and new dataset versions. */
@RestController
class DatasetController {

    private final PublishingDatasets publishing;

    DatasetController(PublishingDatasets publishing) {
        this.publishing = publishing;
    }

    record MaskingRequest(@NotEmpty Map<String, MaskRule> rules) {
    }

    @PutMapping("/api/open-data/datasets/{entryId}/masking")
    Map<String, String> masking(@PathVariable String entryId, @Valid @RequestBody MaskingRequest request, Caller caller) {
        return publishing.setMasking(entryId, request.rules(), caller);
    }

    /** Multipart upload; the format comes from {@code format} or the file name (.csv / .json). */
    @PostMapping(value = "/api/open-data/datasets/{entryId}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    PublishingDatasets.VersionView publish(@PathVariable String entryId, @RequestPart("file") MultipartFile file,
                                           @RequestParam(required = false) String format, Caller caller) throws IOException {
        String effective = format != null ? format
                : file.getOriginalFilename() != null && file.getOriginalFilename().toLowerCase().endsWith(".json") ? "json" : "csv";
        if (!effective.equalsIgnoreCase("csv") && !effective.equalsIgnoreCase("json")) {
            throw Refusal.invalidField("format", "csv or json");
        }
        try (InputStream in = file.getInputStream()) {
            return publishing.publish(entryId, effective, in, caller);
        }
    }
}
