package org.hotline12333.cases;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The classification tree (GB/T 39666-2020 shape): whole, searched by code or name, one class. */
@RestController
@RequestMapping({"/api/classifications", "/desk/data/classifications"})
@PreAuthorize("hasAnyRole('AGENT', 'DEPARTMENT')")
class ClassificationController {

    private final Classifications classifications;

    ClassificationController(Classifications classifications) {
        this.classifications = classifications;
    }

    @GetMapping
    ClassificationTree tree() {
        return classifications.tree();
    }

    /** Classes whose code starts with {@code q} or whose name contains it; {@code assignable=true}: minor only. */
    @GetMapping("/search")
    List<Classification> search(@RequestParam(defaultValue = "") String q,
                                @RequestParam(defaultValue = "false") boolean assignable,
                                @RequestParam(defaultValue = "20") int limit) {
        CaseController.limit(limit);
        return classifications.search(q, assignable ? Integer.MAX_VALUE : limit).stream()
                .filter(c -> !assignable || c.assignable()).limit(limit).toList();
    }

    @GetMapping("/{code}")
    Classification one(@PathVariable String code) {
        return classifications.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no class " + code + " in the classification tree"));
    }
}
