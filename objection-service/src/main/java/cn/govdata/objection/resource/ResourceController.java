package cn.govdata.objection.resource;

import cn.govdata.domain.Refusal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Lets an objection form show what a resource is and which data items can be named. */
@RestController
class ResourceController {

    private final CatalogResources resources;

    ResourceController(CatalogResources resources) {
        this.resources = resources;
    }

    record ResourceView(String id, String name, String providerDepartment, List<String> dataItems, boolean withdrawn) {
    }

    @GetMapping("/api/objections/resources/{id}")
    ResourceView get(@PathVariable String id) {
        CatalogResource r = resources.find(id).orElseThrow(() -> Refusal.notFound("Catalog resource", id));
        return new ResourceView(r.id(), r.name(), r.providerDepartment(), r.dataItems(), r.withdrawn());
    }
}
