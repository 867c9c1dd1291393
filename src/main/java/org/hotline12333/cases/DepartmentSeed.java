package org.hotline12333.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Fills the empty department table from {@code hotline.cases.departments-seed} on the first start. From then on
 * departments and their users are managed through {@code PUT /api/cases/departments/{code}}.
 */
@Component
class DepartmentSeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DepartmentSeed.class);

    private final Departments departments;
    private final CasesProperties properties;
    private final ResourceLoader resources;

    DepartmentSeed(Departments departments, CasesProperties properties, ResourceLoader resources) {
        this.departments = departments;
        this.properties = properties;
        this.resources = resources;
    }

    record SeedFile(@DefaultValue List<Entry> departments) {
    }

    record Entry(String code, String name, String phone) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        String seed = properties.departmentsSeed();
        if (seed == null || seed.isBlank() || !departments.none()) {
            return;
        }
        SeedFile file;
        try {
            var sources = new YamlPropertySourceLoader().load("departments-seed", resources.getResource(seed));
            file = new Binder(ConfigurationPropertySources.from(sources)).bind("cases", SeedFile.class)
                    .orElseThrow(() -> new IllegalStateException("no 'cases:' section in " + seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the departments seed " + seed, e);
        }
        file.departments().forEach(d -> departments.put(d.code(), d.name(), true, d.phone(), List.of()));
        log.info("Departments seeded from {}: {}", seed, file.departments().size());
    }
}
