package dev.tollgate.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * What one end-to-end class runs against: the selected infrastructure (embedded or containers), a
 * real SMTP server, Stripe's HTTP API stubbed with WireMock, and the gateway with all six services.
 * Closed in reverse order; a part that never started is skipped. Classes with the default settings
 * share one ({@link #shared()}); a class with settings of its own starts its own ({@link #start()}).
 */
record RunningPlatform(Infrastructure infrastructure, GreenMail smtp, WireMockServer stripeApi, TollgatePlatform platform)
        implements AutoCloseable {

    /** The shared platform while it runs; null before the first {@link #shared()} and after {@link #closeShared()}. */
    private static RunningPlatform shared;

    /** The one platform of every {@link SharedPlatform} class, started on first use. */
    static synchronized RunningPlatform shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Closes the shared platform if it runs (see {@link SharedPlatformLifecycle}); the next {@link #shared()} starts a new one. */
    static synchronized void closeShared() {
        if (shared != null) {
            RunningPlatform closing = shared;
            shared = null;
            closing.close();
        }
    }

    /** A platform of the calling class's own, which it closes itself. */
    static RunningPlatform start() {
        Infrastructure infrastructure = Infrastructure.selected();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        WireMockServer stripeApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripeApi.start();
        try {
            return new RunningPlatform(infrastructure, smtp, stripeApi,
                    new TollgatePlatform(infrastructure, smtp.getSmtp().getPort(), stripeApi.baseUrl()));
        } catch (RuntimeException failedToStart) {
            stripeApi.stop();
            smtp.stop();
            infrastructure.close();
            throw failedToStart;
        }
    }

    /** The gateway of this platform, for tokens, API calls and signed Stripe webhooks. */
    Gateway gateway() {
        return new Gateway(platform.gatewayUrl());
    }

    @Override
    public void close() {
        platform.close();
        infrastructure.close();
        stripeApi.stop();
        smtp.stop();
    }
}
