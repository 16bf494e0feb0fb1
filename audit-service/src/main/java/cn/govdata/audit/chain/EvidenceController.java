package cn.govdata.audit.chain;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Roles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

/**
 * What an outside witness needs to check the trail without trusting the platform: the public keys
 * (anonymous, they are public), signed chain heads, and the export of records and checkpoints that
 * {@link TrailVerifier} checks offline.
 */
@RestController
@RequestMapping("/api/audit")
class EvidenceController {

    private final Checkpoints checkpoints;
    private final TrailExport export;

    EvidenceController(Checkpoints checkpoints, TrailExport export) {
        this.checkpoints = checkpoints;
        this.export = export;
    }

    /** A JWK set (RFC 8037 OKP keys), current key first; each key also as PEM for openssl users. */
    @GetMapping("/keys")
    KeySet keys() {
        List<PublicKeys.Key> all = checkpoints.publicKeys().keys();
        String current = checkpoints.keyId();
        return new KeySet(current, all.stream().map(k -> new Jwk("OKP", "Ed25519", k.x(), k.keyId(), "sig", "EdDSA",
                k.keyId().equals(current) ? "current" : "previous", k.pem())).toList());
    }

    @GetMapping("/chain/head")
    @PreAuthorize("hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER + "')")
    List<Checkpoints.SignedHead> heads(@RequestParam(required = false) String chain) {
        List<String> chains = chain == null ? export.chains() : List.of(chain);
        List<Checkpoints.SignedHead> heads = chains.stream().map(export::head).filter(java.util.Objects::nonNull).toList();
        if (chain != null && heads.isEmpty()) {
            throw Refusal.notFound("Audit chain", chain);
        }
        return heads;
    }

    /** JSON lines: per chain its signed head, its checkpoints, its records (see {@link TrailExport}). */
    @GetMapping(value = "/trail/export", produces = "application/x-ndjson")
    @PreAuthorize("hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER + "')")
    ResponseEntity<StreamingResponseBody> exportTrail(@RequestParam(required = false) String chain) {
        List<String> chains = chain == null ? export.chains() : List.of(chain);
        if (chain != null && export.head(chain) == null) {
            throw Refusal.notFound("Audit chain", chain);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-trail.jsonl\"")
                .body(out -> export.write(chains, out));
    }

    record KeySet(String currentKeyId, List<Jwk> keys) {
    }

    record Jwk(String kty, String crv, String x, String kid, String use, String alg, String status, String pem) {
    }
}
