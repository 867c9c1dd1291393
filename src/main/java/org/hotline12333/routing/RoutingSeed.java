package org.hotline12333.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.hotline12333.telephony.AsteriskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Fills empty routing tables from a YAML file on the first start (hotline.routing.seed): the skill groups the IVR
 * menus refer to, and for development a few agents and posts. Once any group exists it is never read again; from
 * then on groups, agents and posts are managed through the admin API.
 */
@Component
class RoutingSeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RoutingSeed.class);

    private final RoutingAdmin admin;
    private final RoutingProperties properties;
    private final ResourceLoader resources;
    private final String defaultNode;

    RoutingSeed(RoutingAdmin admin, RoutingProperties properties, ResourceLoader resources,
                AsteriskProperties asterisk) {
        this.admin = admin;
        this.properties = properties;
        this.resources = resources;
        this.defaultNode = asterisk.nodes().isEmpty() ? "central" : asterisk.nodes().get(0).name();
    }

    record SeedFile(@DefaultValue List<RoutingAdmin.GroupSpec> groups, @DefaultValue List<RoutingAdmin.AgentSpec> agents,
                    @DefaultValue List<RoutingAdmin.PostSpec> posts) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.seed() == null || properties.seed().isBlank() || !admin.empty()) {
            return;
        }
        Resource resource = resources.getResource(properties.seed());
        SeedFile seed;
        try {
            var sources = new YamlPropertySourceLoader().load("routing-seed", resource);
            seed = new Binder(ConfigurationPropertySources.from(sources)).bind("routing", SeedFile.class)
                    .orElseThrow(() -> new IllegalStateException("no 'routing:' section in " + properties.seed()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routing seed " + properties.seed(), e);
        }
        // groups twice: the first pass creates them all, the second sets overflow to groups created later
        seed.groups().forEach(g -> admin.putGroup(new RoutingAdmin.GroupSpec(g.code(), g.name(), g.wrapUp(), null, null)));
        seed.groups().forEach(admin::putGroup);
        seed.agents().forEach(a -> admin.putAgent(a, defaultNode));
        seed.posts().forEach(admin::putPost);
        log.info("Routing seeded from {}: {} skill group(s), {} agent(s), {} post(s)", properties.seed(),
                seed.groups().size(), seed.agents().size(), seed.posts().size());
    }
}
