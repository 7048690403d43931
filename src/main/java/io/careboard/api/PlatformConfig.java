package io.careboard.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Facts about the platform Careboard serves. */
@ConfigMapping(prefix = "careboard.platform")
public interface PlatformConfig {

    /** The platform's one currency (ISO 4217), reported as {@code currency} in metric answers. */
    @WithDefault("EUR")
    String currency();
}
