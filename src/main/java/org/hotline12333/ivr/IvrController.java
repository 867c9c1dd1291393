package org.hotline12333.ivr;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class IvrController {

    private final ScriptLibrary library;
    private final IvrPaths paths;

    IvrController(ScriptLibrary library, IvrPaths paths) {
        this.library = library;
        this.paths = paths;
    }

    /** The menus in service and the problems of the last load. */
    @GetMapping("/ivr/scripts")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ScriptsInService scripts() {
        return inService();
    }

    /** Reads the scripts again now, instead of waiting for the next check of the directory. */
    @PostMapping("/ivr/reload")
    @PreAuthorize("hasRole('ADMIN')")
    ScriptsInService reload() {
        library.reload();
        return inService();
    }

    @GetMapping("/calls/{callId}/ivr-path")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<IvrStep> path(@PathVariable String callId) {
        return paths.of(callId);
    }

    private ScriptsInService inService() {
        List<MenuInService> menus = library.scripts().values().stream()
                .map(s -> new MenuInService(s.name(), s.title(), s.file(), s.version()))
                .sorted(Comparator.comparing(MenuInService::name)).toList();
        return new ScriptsInService(menus, library.loadedAt(),
                library.problems().stream().map(ScriptProblem::toString).toList());
    }

    record MenuInService(String name, String title, String file, String version) {
    }

    record ScriptsInService(List<MenuInService> menus, Instant loadedAt, List<String> problems) {
    }
}
