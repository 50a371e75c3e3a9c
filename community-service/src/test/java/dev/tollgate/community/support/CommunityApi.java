package dev.tollgate.community.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;
import dev.tollgate.platform.test.EntitlementProjectionContract;
import dev.tollgate.platform.test.SignedCaller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** community-service's API called as the gateway would call it, for one caller. */
public record CommunityApi(int port, CallerIdentity caller) {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The seed's admin (community/seed.yml). */
    public static final CallerIdentity SEED_ADMIN = new CallerIdentity("user_alec", "acct_latamlab", "alec@latamlab.ai", List.of("owner"));

    public static CommunityApi as(int port, String account, String user, String email) {
        return new CommunityApi(port, new CallerIdentity(user, account, email, List.of("member")));
    }

    /** A fresh user of a fresh account, with or without community access granted. */
    public static CommunityApi newUser(int port, String name, boolean withAccess) {
        String account = "acct_" + name + "_" + UUID.randomUUID().toString().substring(0, 8);
        CommunityApi api = as(port, account, "user_" + name, name + "_" + account + "@example.com");
        if (withAccess) {
            api.grant(1, true);
        }
        return api;
    }

    /** entitlement-service grants (or revokes) community access with this version; waits until it is applied. */
    public void grant(long version, boolean access) {
        EntitlementProjectionContract.sendGrant(null, caller.accountId(), version, Instant.now(),
                access ? EntitlementProjectionContract.COMMUNITY_FEATURES : "{}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/community/access/me").body())
                .contains("\"communityAccess\":" + access));
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> post(String path, String body) {
        return send("POST", path, body);
    }

    public HttpResponse<String> patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    public HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(IdentityHeaders.IDENTITY, SignedCaller.identityHeaders(caller, "community-service").get(IdentityHeaders.IDENTITY))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public UUID groupId(String slug) {
        return UUID.fromString(json("/api/community/groups/" + slug + "?organization=latamlab-ai").path("id").asString());
    }

    /** Opens a sealed token as notification-service does, with the local profile's shared key. */
    public static String unseal(String sealed, String invitationId) {
        try {
            byte[] key = Base64.getDecoder().decode(RequiredSecretsEnvironmentPostProcessor.developmentValues()
                    .get("tollgate.community.invitations.link-key"));
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(sealed));
            byte[] iv = new byte[12];
            bytes.get(iv);
            byte[] rest = new byte[bytes.remaining()];
            bytes.get(rest);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(invitationId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(rest), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
