package io.careboard.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How bearer tokens are checked. */
@ConfigMapping(prefix = "careboard.security")
public interface SecurityConfig {

    /** Tokens already verified, kept until they expire so a dashboard's next request skips the signature check. */
    VerifiedTokens verifiedTokens();

    interface VerifiedTokens {

        /**
         * The most tokens remembered at once; beyond it, new tokens are verified every time until
         * remembered ones expire. 0 turns the memory off.
         */
        @WithDefault("10000")
        int maxEntries();
    }
}
