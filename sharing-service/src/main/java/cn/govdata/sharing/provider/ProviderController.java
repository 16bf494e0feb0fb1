package cn.govdata.sharing.provider;

import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** How each shared resource is served through the exchange, registered by its providing department. */
@RestController
@RequestMapping("/api/sharing/providers/{resourceId}")
class ProviderController {

    private final RegisteringProviders registering;

    ProviderController(RegisteringProviders registering) {
        this.registering = registering;
    }

    @PutMapping
    ProviderView register(@PathVariable String resourceId, @Valid @RequestBody ProviderRequest request, Caller caller) {
        return registering.register(resourceId, request, caller);
    }

    @GetMapping
    ProviderView get(@PathVariable String resourceId, Caller caller) {
        return registering.view(resourceId, caller);
    }

    /**
     * A file or table snapshot, streamed to storage. {@code items} lists the data items it contains
     * (default: all of the resource's), {@code maskedItems} those it already holds desensitized.
     */
    @PostMapping(path = "/files", consumes = "multipart/form-data")
    ResponseEntity<ProviderView.FileView> upload(@PathVariable String resourceId, @RequestPart("file") MultipartFile file,
                                                 @RequestParam(required = false) List<String> items,
                                                 @RequestParam(required = false) List<String> maskedItems, Caller caller) {
        var stored = registering.upload(resourceId, file, items, maskedItems, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{fileId}").buildAndExpand(stored.fileId()).toUri();
        return ResponseEntity.created(location).body(stored);
    }

    @GetMapping("/files")
    List<ProviderView.FileView> files(@PathVariable String resourceId, Caller caller) {
        return registering.files(resourceId, caller);
    }

    @DeleteMapping("/files/{fileId}")
    ResponseEntity<Void> deleteFile(@PathVariable String resourceId, @PathVariable String fileId, Caller caller) {
        registering.deleteFile(resourceId, fileId, caller);
        return ResponseEntity.noContent().build();
    }
}
